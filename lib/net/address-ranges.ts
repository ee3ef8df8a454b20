import ipaddr from "ipaddr.js";
import { parseIp } from "./ip-address";

// Which addresses an outbound call may reach when its host is not trusted. IPv4 is a deny list
// of special-purpose ranges (RFC 6890 and successors); IPv6 is an allow list of global unicast
// (2000::/3) minus its special blocks, because everything else in IPv6 is either local,
// reserved or a way of smuggling an IPv4 address, which is unwrapped and judged as IPv4.

type Range = { cidr: [ipaddr.IPv4 | ipaddr.IPv6, number]; name: string };

const METADATA = "the cloud metadata service";

const table = (rows: [string, string][]): Range[] =>
  rows.map(([cidr, name]) => ({ cidr: ipaddr.parseCIDR(cidr), name }));

// First match wins, so exact addresses come before the blocks that contain them.
const IPV4: Range[] = table([
  ["169.254.169.254/32", METADATA], // AWS, GCP, Azure, OCI, DigitalOcean...
  ["169.254.170.2/32", METADATA], // AWS ECS task metadata
  ["100.100.100.200/32", METADATA], // Alibaba Cloud
  ["255.255.255.255/32", "broadcast"],
  ["0.0.0.0/8", "unspecified (0.0.0.0/8)"],
  ["127.0.0.0/8", "loopback"],
  ["10.0.0.0/8", "private (RFC 1918)"],
  ["172.16.0.0/12", "private (RFC 1918)"],
  ["192.168.0.0/16", "private (RFC 1918)"],
  ["169.254.0.0/16", "link-local"],
  ["100.64.0.0/10", "carrier-grade NAT (RFC 6598)"],
  ["192.0.0.0/24", "reserved for IETF protocol assignments"],
  ["192.0.2.0/24", "reserved for documentation"],
  ["198.51.100.0/24", "reserved for documentation"],
  ["203.0.113.0/24", "reserved for documentation"],
  ["198.18.0.0/15", "reserved for benchmarking"],
  ["192.88.99.0/24", "reserved (deprecated 6to4 relay anycast)"],
  ["224.0.0.0/4", "multicast"],
  ["240.0.0.0/4", "reserved (240.0.0.0/4)"],
]);

// ::, ::1 and the metadata address sit inside the blocks below, so they are looked up first.
const IPV6_EXACT: Range[] = table([
  ["fd00:ec2::254/128", METADATA], // AWS IMDS over IPv6
  ["::/128", "unspecified"],
  ["::1/128", "loopback"],
]);

const IPV6: Range[] = table([
  ["fe80::/10", "link-local"],
  ["fec0::/10", "site-local (deprecated)"],
  ["fc00::/7", "unique-local (fc00::/7)"],
  ["ff00::/8", "multicast"],
  ["64:ff9b:1::/48", "reserved for local-use NAT64 (RFC 8215)"],
  ["2001::/32", "a Teredo tunnel address"],
  ["2001:2::/48", "reserved for benchmarking"],
  ["2001:db8::/32", "reserved for documentation"],
  ["3fff::/20", "reserved for documentation"],
  ["2001::/23", "reserved for IETF protocol assignments"],
]);

const GLOBAL_UNICAST = ipaddr.parseCIDR("2000::/3");

// IPv6 forms that carry an IPv4 address; the connection really goes to (or via) that address.
// Mapped, NAT64 and 6to4 forms of a public address are how some networks reach it; the
// deprecated forms have no legitimate use and are refused whatever they carry.
type Embedding = { cidr: [ipaddr.IPv6, number]; kind: string; at: "low" | "6to4"; deprecated: boolean };
const embedding = (cidr: string, kind: string, at: "low" | "6to4", deprecated = false): Embedding => ({
  cidr: ipaddr.IPv6.parseCIDR(cidr),
  kind,
  at,
  deprecated,
});
const EMBEDDING: Embedding[] = [
  embedding("::ffff:0:0/96", "an IPv4-mapped form", "low"),
  embedding("64:ff9b::/96", "a NAT64 form", "low"),
  embedding("2002::/16", "a 6to4 form", "6to4"),
  embedding("::ffff:0:0:0/96", "an IPv4-translated form", "low", true),
  embedding("::/96", "an IPv4-compatible form", "low", true),
];

const findRange = (addr: ipaddr.IPv4 | ipaddr.IPv6, ranges: Range[]) =>
  ranges.find((r) => r.cidr[0].kind() === addr.kind() && addr.match(r.cidr))?.name ?? null;

function embeddedIPv4(addr: ipaddr.IPv6, at: "low" | "6to4"): ipaddr.IPv4 {
  const [hi = 0, lo = 0] = at === "low" ? addr.parts.slice(6, 8) : addr.parts.slice(1, 3);
  return new ipaddr.IPv4([hi >> 8, hi & 255, lo >> 8, lo & 255]);
}

function classifyIPv6(addr: ipaddr.IPv6): string | null {
  const exact = findRange(addr, IPV6_EXACT);
  if (exact) return exact;
  const wrapper = EMBEDDING.find((e) => addr.match(e.cidr));
  if (wrapper) {
    const v4 = embeddedIPv4(addr, wrapper.at);
    const inner = findRange(v4, IPV4);
    if (inner) return `${wrapper.kind} of ${v4.toString()}, which is ${inner}`;
    return wrapper.deprecated ? `${wrapper.kind} of ${v4.toString()} (deprecated)` : null;
  }
  const named = findRange(addr, IPV6);
  if (named) return named;
  return addr.match(GLOBAL_UNICAST) ? null : "reserved (outside global unicast 2000::/3)";
}

/**
 * null when an untrusted outbound call may reach this address, else the name of the range
 * that forbids it, phrased to follow "the address X is …". Lenient IPv4 spellings
 * (2130706433, 0x7f000001, 0177.0.0.1, 127.1) and bracketed IPv6 are understood; anything
 * that is not an IP address is refused.
 */
export function classifyAddress(ip: string): null | string {
  const addr = parseIp(ip);
  if (!addr) return "not a valid IP address";
  return addr.kind() === "ipv4" ? findRange(addr, IPV4) : classifyIPv6(addr as ipaddr.IPv6);
}
