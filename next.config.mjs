// Security headers on every response. A document's Content-Security-Policy (with its script
// nonce) and HSTS come from proxy.ts, per request; API answers and the OAuth route handlers'
// redirects are not documents, so theirs allows nothing.
// The OAuth callback adds its own no-referrer.
const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The sealing libraries stay plain Node modules: @signpdf checks `instanceof` against pdf-lib's and
  // its own classes, which two copies (one bundled, one not) would break.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@node-rs/argon2",
    "postgres",
    "oidc-provider",
    "pdf-lib",
    "node-forge",
    "@signpdf/signpdf",
    "@signpdf/signer-p12",
    "@signpdf/placeholder-pdf-lib",
    "@signpdf/utils",
  ],
  poweredByHeader: false,
  typedRoutes: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: apiContentSecurityPolicy }] },
      // Route handlers that answer redirects and JSON, not documents, which proxy.ts skips: the OAuth ones
      // (all but the error page) and a signer's start and resume. A CSP that allows nothing, like the API's.
      {
        source: "/oauth/:handler(backchannel-logout|callback|jwks|login|login-complete|logout-complete|start)/:path*",
        headers: [{ key: "Content-Security-Policy", value: apiContentSecurityPolicy }],
      },
      ...["/sign/resume", "/sign/:token/start"].map((source) => ({
        source,
        headers: [{ key: "Content-Security-Policy", value: apiContentSecurityPolicy }],
      })),
      // The callback URL carries the code: no Referer from it, ever (a later rule wins in Next).
      { source: "/oauth/callback/:path*", headers: [{ key: "Referrer-Policy", value: "no-referrer" }] },
      // PDFs shown inside the app's own pages (designer preview, signer page): framable by the app only.
      ...["/api/v6/file/:id", "/sign/:token/document/:doc"].map((source) => ({
        source,
        headers: [
          { key: "X-Frame-Options", value: "SAMEORIGIN" },
          { key: "Content-Security-Policy", value: "frame-ancestors 'self'" },
        ],
      })),
      // The signing, binding and sealed-download links carry their token in the URL: no Referer leaves for another site. Not "no-referrer":
      // that makes the browser send "Origin: null" on the page's own POSTs, which are refused.
      ...["/sign/:path*", "/bind/:path*", "/sealed/:path*"].map((source) => ({
        source,
        headers: [{ key: "Referrer-Policy", value: "same-origin" }],
      })),
    ];
  },
};

export default nextConfig;
