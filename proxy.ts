// Next proxy (formerly middleware): passes the requested path to server components, so a
// page that needs sign-in can send the visitor back to it afterwards; and gives every document
// its Content-Security-Policy with a fresh nonce (and HSTS in production over https).
import { NextResponse, type NextRequest } from "next/server";
import { createNonce, pageSecurityHeaders } from "@/lib/http/security-headers";

const trustedHosts = (process.env.TRUSTED_HOSTS ?? "").split(",");

export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-request-path", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const security = pageSecurityHeaders({
    nonce: createNonce(),
    path: request.nextUrl.pathname,
    appUrl: process.env.APP_URL || request.nextUrl.origin,
    production: process.env.NODE_ENV === "production",
    trustedHosts,
  });
  // Next takes the nonce for its scripts from the request's CSP header.
  headers.set("content-security-policy", security["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers } });
  for (const [name, value] of Object.entries(security)) response.headers.set(name, value);
  return response;
}

// Static files from public/ are not pages: no CSP nonce, no return path. Nor are the route handlers
// that answer only redirects and JSON: the OAuth ones (every one but the error page) and a signer's
// start and resume. A nonce and a return path serve them nothing, and skipping the proxy saves its
// work on most of a login's and a signer flow's requests; their CSP (one that allows nothing) comes
// from next.config.mjs, HSTS from route().
export const config = {
  matcher: [
    "/((?!_next/|api/|oauth/(?!error)|favicon.ico|logo.svg|apple-touch-icon.png|sign/resume$|sign/[^/]+/start$).*)",
  ],
};
