import { parseTrustedHosts } from "@/lib/net/trusted-hosts";

// Security rule (TESTING 38, DESIGN "security headers"): every document carries a strict
// Content-Security-Policy with a fresh script nonce; Next reads the nonce from the request's
// CSP header and puts it on its own inline and chunk scripts, and 'strict-dynamic' trusts what
// those load. No page may post a form anywhere but here, except the pages whose form starts
// a flow at an identity provider (a 303 to its authorization endpoint: Chrome checks
// form-action on the redirect too).

/** Pages whose form POST answers with a redirect to an identity provider (the provider editor's Test connection too). */
export const IDP_FORM_PAGES = ["/bind/", "/sign/", "/settings/identity-providers/"];

/** Documents the app shows inside its own pages (the signer page's PDF): framable by the app only. */
const FRAMABLE_BY_APP = /^\/sign\/[^/]+\/document\//;

export type SecurityHeaderOptions = {
  nonce: string;
  path: string;
  appUrl: string;
  production: boolean;
  /** TRUSTED_HOSTS entries: an IdP there may be reached over http:// */
  trustedHosts: string[];
};

/** A fresh CSP nonce: 128 random bits, base64. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** http:// sources for trusted IdP hosts (CSP host-sources cannot name IPv6 literals, so those are left out). */
function trustedHttpSources(entries: string[]): string[] {
  let hosts: ReturnType<typeof parseTrustedHosts>;
  try {
    hosts = parseTrustedHosts(entries);
  } catch {
    return []; // the app refuses to start on an invalid list; the header just stays strict
  }
  return hosts.filter((h) => !h.host.includes(":")).map((h) => `http://${h.host}:${h.port ?? "*"}`);
}

export function contentSecurityPolicy(o: SecurityHeaderOptions): string {
  const https = new URL(o.appUrl).protocol === "https:";
  const formToIdp = IDP_FORM_PAGES.some((p) => o.path.startsWith(p));
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${o.nonce}' 'strict-dynamic'${o.production ? "" : " 'unsafe-eval'"}`,
    // Inline style attributes and the <style> Radix's scroll lock injects carry no nonce; styles cannot run script.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    // pdf.js renders pages in a worker, a file the app serves ('strict-dynamic' would otherwise leave it out).
    "worker-src 'self'",
    `form-action 'self'${
      formToIdp
        ? ` https:${trustedHttpSources(o.trustedHosts)
            .map((s) => ` ${s}`)
            .join("")}`
        : ""
    }`,
    `frame-ancestors ${FRAMABLE_BY_APP.test(o.path) ? "'self'" : "'none'"}`,
    "base-uri 'self'",
    "object-src 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** Response headers a page (or a route handler outside /api) adds to the static ones of next.config.mjs. */
export function pageSecurityHeaders(o: SecurityHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = { "Content-Security-Policy": contentSecurityPolicy(o) };
  const hsts = strictTransportSecurity(o);
  if (hsts) headers["Strict-Transport-Security"] = hsts;
  return headers;
}

/**
 * HSTS only where the app is really served over https in production; on http it would be ignored
 * at best, and on a developer's localhost it would pin https for every local app. Pages get it from
 * proxy.ts, route handlers (which the proxy skips where it adds nothing) from route().
 */
export function strictTransportSecurity(o: Pick<SecurityHeaderOptions, "appUrl" | "production">): string | null {
  return o.production && new URL(o.appUrl).protocol === "https:" ? "max-age=63072000; includeSubDomains" : null;
}
