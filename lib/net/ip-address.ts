import { isIPv4, isIPv6 } from "node:net";
import ipaddr from "ipaddr.js";

// One parser for every IP address lib/net sees (URL hosts, resolver answers, TRUSTED_HOSTS),
// so the address that is checked is the address that is connected to. ipaddr.js alone is not
// used for parsing: it reads `::1.2.3.4` as `::ffff:1.2.3.4` and `::ffff:0177.0.0.1` with a
// decimal 177, which is not what the socket layer would do.

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/** The WHATWG host parser, the one that decides where a URL really points. */
function whatwgHost(host: string): string | null {
  try {
    return new URL(`http://${host}/`).hostname;
  } catch {
    return null;
  }
}

/**
 * Parses an IPv4 address in any spelling a URL accepts (2130706433, 0x7f000001, 0177.0.0.1,
 * 127.1) or an IPv6 address (optionally bracketed, optionally with a %zone); null otherwise.
 */
export function parseIp(text: string): IpAddress | null {
  const bare = text.trim().replace(/^\[(.*)\]$/, "$1");
  if (bare.includes(":")) {
    const [address = "", zone] = bare.split("%", 2);
    if (!isIPv6(address)) return null;
    // WHATWG turns a dotted IPv4 tail into hex exactly (`::1.2.3.4` stays IPv4-compatible).
    const hex = whatwgHost(`[${address}]`);
    if (!hex) return null;
    const parsed = ipaddr.IPv6.parse(hex.slice(1, -1));
    if (zone) parsed.zoneId = zone;
    return parsed;
  }
  if (!/^[0-9a-fx.]+$/i.test(bare)) return null;
  const host = whatwgHost(bare);
  return host && isIPv4(host) ? ipaddr.IPv4.parse(host) : null;
}

/** The canonical text of an IP address (dotted decimal; RFC 5952 for IPv6), or null. */
export function formatIp(text: string): string | null {
  return parseIp(text)?.toString() ?? null;
}
