import ipaddr from "ipaddr.js";

/**
 * Security rule: the client address decides whose failures a sign-in counts against and is the
 * evidence in the audit trail, so nothing the client sends may choose it. The socket's peer
 * address is the client, unless that peer is a proxy named in TRUSTED_PROXIES: then
 * X-Forwarded-For is read from the right (each trusted proxy appends the address it saw),
 * skipping trusted proxies, to the first address that is not one.
 */
export type TrustedProxies = readonly (readonly [ipaddr.IPv4 | ipaddr.IPv6, number])[];

/** At most this many X-Forwarded-For hops are read (from the right). */
const MAX_HOPS = 20;

/** A syntactically valid address only (anything else is dropped), IPv4-mapped IPv6 shown as plain IPv4. */
export function normalizeIp(raw: string | null | undefined): string | null {
  const value = raw?.trim();
  if (!value || value.length > 64 || !ipaddr.isValid(value)) return null;
  const parsed = ipaddr.parse(value);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    return (parsed as ipaddr.IPv6).toIPv4Address().toString();
  return parsed.toString();
}

/** TRUSTED_PROXIES: comma-separated addresses or CIDR ranges; throws naming the first entry that is neither. */
export function parseTrustedProxies(raw: string | undefined): TrustedProxies {
  const ranges: (readonly [ipaddr.IPv4 | ipaddr.IPv6, number])[] = [];
  for (const entry of (raw ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    if (entry.includes("/")) {
      if (!ipaddr.isValidCIDR(entry)) throw new Error(`TRUSTED_PROXIES: '${entry}' is not an address or a CIDR range`);
      const [addr, bits] = ipaddr.parseCIDR(entry);
      ranges.push(
        addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96
          ? [(addr as ipaddr.IPv6).toIPv4Address(), bits - 96]
          : [addr, bits],
      );
      continue;
    }
    const ip = normalizeIp(entry);
    if (!ip) throw new Error(`TRUSTED_PROXIES: '${entry}' is not an address or a CIDR range`);
    const addr = ipaddr.parse(ip);
    ranges.push([addr, addr.kind() === "ipv4" ? 32 : 128]);
  }
  return ranges;
}

export function isTrustedProxy(ip: string, trusted: TrustedProxies): boolean {
  const addr = ipaddr.parse(ip);
  return trusted.some(([range, bits]) => range.kind() === addr.kind() && addr.match(range as never, bits));
}

/** One X-Forwarded-For hop: an address, possibly with a port (`1.2.3.4:5678`, `[::1]:80`). */
function hopAddress(hop: string): string | null {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hop);
  if (bracketed) return normalizeIp(bracketed[1]);
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(hop);
  return normalizeIp(v4WithPort ? v4WithPort[1] : hop);
}

/**
 * The client's address: the peer, or (when the peer is a trusted proxy) the first untrusted
 * X-Forwarded-For hop from the right. A hop that is not an address ends the walk at the last
 * address seen (a trusted proxy, which then stands for the client). No peer, no address.
 */
export function clientAddress(
  peer: string | null,
  forwardedFor: string | null,
  trusted: TrustedProxies,
): string | null {
  let client = normalizeIp(peer);
  if (!client || !isTrustedProxy(client, trusted)) return client;
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean)
    .reverse()
    .slice(0, MAX_HOPS);
  for (const hop of hops) {
    const addr = hopAddress(hop);
    if (!addr) return client;
    client = addr;
    if (!isTrustedProxy(addr, trusted)) return addr;
  }
  return client;
}
