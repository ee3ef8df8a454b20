import ipaddr from "ipaddr.js";

/**
 * The client IP as evidence: a syntactically valid address only (anything else in the header,
 * e.g. markup or a long string, is dropped), IPv4-mapped IPv6 shown as plain IPv4.
 */
export function normalizeIp(raw: string | null | undefined): string | null {
  const value = raw?.trim();
  if (!value || value.length > 64 || !ipaddr.isValid(value)) return null;
  const parsed = ipaddr.parse(value);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) return (parsed as ipaddr.IPv6).toIPv4Address().toString();
  return parsed.toString();
}

/** Client IP and user agent from request headers (the first X-Forwarded-For hop, set by the proxy in front). */
export function requestMeta(headers: Headers): { ip: string | null; userAgent: string | null } {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0];
  const ip = normalizeIp(forwarded) ?? normalizeIp(headers.get("x-real-ip"));
  return { ip, userAgent: headers.get("user-agent")?.slice(0, 400) ?? null };
}
