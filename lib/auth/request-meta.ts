import { clientAddress, parseTrustedProxies, type TrustedProxies } from "@/lib/net/client-address";
import { peerAddress } from "@/lib/net/peer-address";

export { normalizeIp } from "@/lib/net/client-address";

/** TRUSTED_PROXIES, parsed once per process (lib/config.ts refuses a bad value at start-up). */
function processTrustedProxies(): TrustedProxies {
  const g = globalThis as { __trustedProxies?: TrustedProxies };
  g.__trustedProxies ??= parseTrustedProxies(process.env.TRUSTED_PROXIES);
  return g.__trustedProxies;
}

/**
 * Client IP and user agent of a request: the socket's peer (written by the launcher's server),
 * or, behind a proxy named in TRUSTED_PROXIES, what the proxies put in X-Forwarded-For
 * (lib/net/client-address.ts). Nothing else the client sends chooses the address.
 */
export function requestMeta(
  headers: Headers,
  trusted: TrustedProxies = processTrustedProxies(),
): { ip: string | null; userAgent: string | null } {
  const ip = clientAddress(peerAddress(headers), headers.get("x-forwarded-for"), trusted);
  return { ip, userAgent: headers.get("user-agent")?.slice(0, 400) ?? null };
}
