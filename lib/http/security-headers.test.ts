import { describe, expect, it } from "vitest";
import {
  contentSecurityPolicy,
  createNonce,
  pageSecurityHeaders,
  type SecurityHeaderOptions,
} from "./security-headers";

const base: SecurityHeaderOptions = {
  nonce: "bm9uY2U=",
  path: "/settings/users",
  appUrl: "https://sign.example.com",
  production: true,
  trustedHosts: [],
};
const directives = (csp: string) =>
  Object.fromEntries(csp.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1).join(" ")]));

describe("security headers", () => {
  it("a strict policy: own origin, nonce'd scripts, no framing, no plugins, no foreign base or form targets", () => {
    expect(directives(contentSecurityPolicy(base))).toEqual({
      "default-src": "'self'",
      "script-src": "'self' 'nonce-bm9uY2U=' 'strict-dynamic'",
      "style-src": "'self' 'unsafe-inline'",
      "worker-src": "'self'",
      "img-src": "'self' data: blob:",
      "font-src": "'self'",
      "connect-src": "'self'",
      "form-action": "'self'",
      "frame-ancestors": "'none'",
      "base-uri": "'self'",
      "object-src": "'none'",
      "upgrade-insecure-requests": "",
    });
  });

  it("no 'unsafe-inline' for scripts ever; 'unsafe-eval' only outside production (React's dev stacks)", () => {
    expect(contentSecurityPolicy(base)).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(directives(contentSecurityPolicy({ ...base, production: false }))["script-src"]).toBe(
      "'self' 'nonce-bm9uY2U=' 'strict-dynamic' 'unsafe-eval'",
    );
  });

  it("the binding page may post to an identity provider: https, and http only to trusted IPv4/name hosts", () => {
    const csp = contentSecurityPolicy({
      ...base,
      path: "/bind/abc",
      trustedHosts: ["127.0.0.1:3001", "idp.internal", "[::1]:9000", ""],
    });
    expect(directives(csp)["form-action"]).toBe("'self' https: http://127.0.0.1:3001 http://idp.internal:*");
    expect(
      directives(contentSecurityPolicy({ ...base, path: "/login", trustedHosts: ["127.0.0.1:3001"] }))["form-action"],
    ).toBe("'self'");
    expect(
      directives(contentSecurityPolicy({ ...base, path: "/bind/x", trustedHosts: ["bad host!"] }))["form-action"],
    ).toBe("'self' https:");
    // Test connection is a form POST from the provider editor that answers with a 303 to the provider.
    expect(
      directives(contentSecurityPolicy({ ...base, path: "/settings/identity-providers/abc", trustedHosts: [] }))[
        "form-action"
      ],
    ).toBe("'self' https:");
    expect(
      directives(contentSecurityPolicy({ ...base, path: "/settings/identity-providers", trustedHosts: [] }))[
        "form-action"
      ],
    ).toBe("'self'");
  });

  it("the signer page posts to an identity provider too; only its PDF may be framed, and by the app only", () => {
    expect(directives(contentSecurityPolicy({ ...base, path: "/sign/tok", trustedHosts: [] }))["form-action"]).toBe(
      "'self' https:",
    );
    expect(directives(contentSecurityPolicy({ ...base, path: "/sign/tok/document/d1" }))["frame-ancestors"]).toBe(
      "'self'",
    );
    expect(directives(contentSecurityPolicy({ ...base, path: "/sign/tok" }))["frame-ancestors"]).toBe("'none'");
    expect(directives(contentSecurityPolicy({ ...base, path: "/settings/users" }))["frame-ancestors"]).toBe("'none'");
  });

  it("HSTS only in production over https; upgrade-insecure-requests only over https", () => {
    expect(pageSecurityHeaders(base)["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains");
    expect(pageSecurityHeaders({ ...base, production: false })["Strict-Transport-Security"]).toBeUndefined();
    const http = { ...base, appUrl: "http://localhost:3000" };
    expect(pageSecurityHeaders(http)["Strict-Transport-Security"]).toBeUndefined();
    expect(contentSecurityPolicy(http)).not.toContain("upgrade-insecure-requests");
  });

  it("nonces are 128 random bits, fresh each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });
});
