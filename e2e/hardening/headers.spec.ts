// Issue 8 / TESTING 22, 38: security headers on a page, an API answer and the OAuth callback;
// the strict CSP really holds in the browser (every script nonce'd, no violation while working).
import { expect, test, type APIResponse } from "@playwright/test";
import { adminCredentials, signIn } from "../fixtures/session";
import { TRUSTED_PEER_HOST } from "../fixtures/http-helpers";

const directives = (csp: string) =>
  new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );

function expectCommonHeaders(res: APIResponse) {
  const h = res.headers();
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["x-frame-options"]).toBe("DENY");
  // The e2e app runs on http://localhost: HSTS there would pin https for every local app.
  expect(h["strict-transport-security"]).toBeUndefined();
  expect(h["x-powered-by"]).toBeUndefined();
}

test("a page: strict CSP with a fresh nonce on every script, no framing, nosniff, no HSTS over http", async ({
  request,
}) => {
  const first = await request.get("/login");
  expect(first.status()).toBe(200);
  expectCommonHeaders(first);
  expect(first.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  const csp = directives(first.headers()["content-security-policy"]!);
  expect(csp.get("default-src")).toEqual(["'self'"]);
  expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  expect(csp.get("object-src")).toEqual(["'none'"]);
  expect(csp.get("base-uri")).toEqual(["'self'"]);
  expect(csp.get("form-action")).toEqual(["'self'"]);
  const scriptSrc = csp.get("script-src")!;
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  expect(scriptSrc).toContain("'strict-dynamic'");
  const nonce = scriptSrc.find((s) => s.startsWith("'nonce-"))!.slice(7, -1);
  expect(Buffer.from(nonce, "base64")).toHaveLength(16);

  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  const second = await request.get("/login");
  expect(second.headers()["content-security-policy"]).not.toContain(nonce);
});

test("a 404 page is rendered per request too, so its scripts carry the nonce", async ({ request }) => {
  const res = await request.get(`/no-such-page-${Date.now()}`);
  expect(res.status()).toBe(404);
  const nonce = /'nonce-([^']+)'/.exec(res.headers()["content-security-policy"] ?? "")?.[1];
  expect(nonce).toBeTruthy();
  for (const tag of [...(await res.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]))
    expect(tag).toContain(`nonce="${nonce}"`);
});

test("an API answer: a CSP that allows nothing, nosniff, no framing", async ({ request }) => {
  const res = await request.get("/api/v6/session");
  expect(res.status()).toBe(401);
  expectCommonHeaders(res);
  const csp = directives(res.headers()["content-security-policy"]!);
  expect(csp.get("default-src")).toEqual(["'none'"]);
  expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
});

test("the OAuth callback: no-referrer, no-store, a CSP that allows nothing (a redirect, not a document)", async ({
  request,
}) => {
  const res = await request.get(`/oauth/callback/${crypto.randomUUID()}?code=leaked-code&state=whatever`, {
    maxRedirects: 0,
  });
  expect(res.status()).toBe(303);
  expectCommonHeaders(res);
  expect(res.headers()["referrer-policy"]).toBe("no-referrer");
  expect(res.headers()["cache-control"]).toContain("no-store");
  expect(res.headers()["location"]).not.toContain("leaked-code");
  const csp = directives(res.headers()["content-security-policy"]!);
  expect(csp.get("default-src")).toEqual(["'none'"]);
  expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  // The Logon URL answers likewise; the OAuth error page is a document, with its nonce'd CSP.
  const logon = await request.get(`/oauth/login/${crypto.randomUUID()}`, { maxRedirects: 0 });
  expect(logon.status()).toBe(303);
  expectCommonHeaders(logon);
  expect(directives(logon.headers()["content-security-policy"]!).get("default-src")).toEqual(["'none'"]);
  const page = await request.get("/oauth/error?code=unknown");
  expect(page.status()).toBe(200);
  const pageCsp = directives(page.headers()["content-security-policy"]!);
  expect(pageCsp.get("default-src")).toEqual(["'self'"]);
  expect(pageCsp.get("script-src")!.some((s) => s.startsWith("'nonce-"))).toBe(true);
});

test("a signer's redirect-only requests (start, resume) carry a CSP that allows nothing; a signing page keeps its nonce", async ({
  request,
  baseURL,
}) => {
  const token = "x".repeat(43);
  const start = await request.post(`/sign/${token}/start`, {
    form: { providerId: crypto.randomUUID() },
    headers: { origin: baseURL! },
    maxRedirects: 0,
  });
  const resume = await request.get("/sign/resume?auth=ok", { maxRedirects: 0 });
  for (const res of [start, resume]) {
    expect(res.status()).toBe(303);
    expectCommonHeaders(res);
    const csp = directives(res.headers()["content-security-policy"]!);
    expect(csp.get("default-src")).toEqual(["'none'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  }
  // A link whose token begins with "resume" is a signing page like any other: the page CSP, with a nonce.
  const page = await request.get(`/sign/resume${"x".repeat(37)}`);
  expect(page.status()).toBe(200);
  const csp = directives(page.headers()["content-security-policy"]!);
  expect(csp.get("default-src")).toEqual(["'self'"]);
  expect(csp.get("script-src")!.some((s) => s.startsWith("'nonce-"))).toBe(true);
});

test("the binding page may post to an identity provider (https, or a trusted http host), no other page may", async ({
  request,
}) => {
  const res = await request.get(`/bind/${"x".repeat(43)}`);
  const formAction = directives(res.headers()["content-security-policy"]!).get("form-action")!;
  // The trusted hosts of the e2e app: the IdP's host:port, and the peers' host on any port.
  expect(formAction).toEqual([
    "'self'",
    "https:",
    `http://127.0.0.1:${new URL(process.env.E2E_IDP_ISSUER!).port}`,
    `http://${TRUSTED_PEER_HOST}:*`,
  ]);
});

test("the app works under the policy: signing in and the admin screens raise no CSP violation", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`Refused to apply: CSP ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await signIn(page, adminCredentials());
  for (const path of [
    "/settings/identity-providers/new",
    "/settings/users",
    "/settings/roles",
    "/settings/audit",
    "/settings/notification-templates",
  ]) {
    await page.goto(path);
    await expect(page.getByRole("navigation", { name: "Settings" })).toBeVisible();
  }
  // Client navigation: chunks loaded after hydration, trusted through strict-dynamic.
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("link", { name: "ADD NEW USER" })).toBeVisible();
  expect(violations).toEqual([]);
});
