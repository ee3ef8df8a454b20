// Issue 13 item 11: Test connection starts only on a same-origin POST; turning PKCE off is warned
// about and audited; disabling a provider ends its sessions and refuses its callbacks in flight.
import { and, eq } from "drizzle-orm";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { appSessions, auditEvents } from "../../db/schema";
import { tokenFor } from "../fixtures/api-tokens";
import { seedBoundUser } from "../fixtures/database";
import { adminCredentials, signIn } from "../fixtures/session";
import { APP_ORIGIN, withDb } from "../hardening/surface";

const issuer = () => process.env.E2E_IDP_ISSUER!;

/** A provider at the test IdP (client-basic), used for user sign-in, with a user bound to Alice there. */
async function providerWithAlice(request: Page["request"]) {
  const auth = { authorization: `Bearer ${await tokenFor(adminCredentials().email)}` };
  const discovered = await (
    await request.post("/api/v6/identity-providers/discovery", {
      headers: auth,
      data: { url: `${issuer()}/.well-known/openid-configuration` },
    })
  ).json();
  const input = {
    ...discovered.input,
    name: `Guards ${Date.now()} ${Math.random().toString(36).slice(2, 6)}`,
    clientId: "client-basic",
    clientSecret: process.env.E2E_IDP_BASIC_SECRET,
    usedForUserAuthentication: true,
  };
  const created = await request.post("/api/v6/identity-providers", { headers: auth, data: input });
  expect(created.status(), await created.text()).toBe(201);
  const providerId = ((await created.json()) as { id: string }).id;
  const user = await seedBoundUser(providerId);
  return { providerId, input, auth, user };
}

const auditFor = (providerId: string, action: string) =>
  withDb((db) =>
    db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.providerId, providerId), eq(auditEvents.action, action))),
  );

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

/** Alice at the provider's login page, through the app's Logon URL. */
async function aliceAtProvider(browser: Browser, providerId: string): Promise<Page> {
  const page = await newPage(browser);
  await page.goto(`/oauth/login/${providerId}`);
  await expect(page.getByLabel("Username")).toBeVisible();
  return page;
}

async function aliceSignsInThere(page: Page) {
  await page.getByLabel("Username").fill("alice");
  await page.getByLabel("Password").fill("alice-password");
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("Test connection starts only on a POST from the app's own origin", async ({ browser }) => {
  const admin = await newPage(browser);
  await signIn(admin);
  const { providerId } = await providerWithAlice(admin.request);
  const url = `/oauth/start/test/${providerId}`;
  // Another site can make an administrator's browser GET a URL (an <img>, a link): that starts nothing.
  expect((await admin.request.get(url, { maxRedirects: 0 })).status()).toBe(405);
  expect((await admin.request.post(url, { maxRedirects: 0 })).status()).toBe(403);
  expect(
    (await admin.request.post(url, { headers: { origin: "https://evil.example" }, maxRedirects: 0 })).status(),
  ).toBe(403);
  expect((await admin.request.post(url, { headers: { origin: "null" }, maxRedirects: 0 })).status()).toBe(403);
  // "Sign in as someone else" is the same start with ?prompt=login: the same guard.
  expect(
    (
      await admin.request.post(`${url}?prompt=login`, { headers: { origin: "https://evil.example" }, maxRedirects: 0 })
    ).status(),
  ).toBe(403);
  const started = await admin.request.post(url, { headers: { origin: APP_ORIGIN }, maxRedirects: 0 });
  expect(started.status()).toBe(303);
  expect(started.headers()["location"]!.startsWith(`${issuer()}/`)).toBe(true);
  const again = await admin.request.post(`${url}?prompt=login`, { headers: { origin: APP_ORIGIN }, maxRedirects: 0 });
  expect(new URL(again.headers()["location"]!).searchParams.get("prompt")).toBe("login");
  // Someone without the permission is refused even from the right origin.
  const anonymous = await (
    await browser.newContext()
  ).request.post(`${APP_ORIGIN}${url}`, { headers: { origin: APP_ORIGIN }, maxRedirects: 0 });
  expect(anonymous.status()).toBe(401);
});

test("turning PKCE off is warned about in the editor and audited as a warning", async ({ page }) => {
  await signIn(page);
  const { providerId, input, auth } = await providerWithAlice(page.request);
  await page.goto(`/settings/identity-providers/${providerId}`);
  const pkce = page.getByLabel("PKCE (S256)");
  await expect(pkce).toBeChecked();
  const warning = page.getByText("Without PKCE, an authorization code");
  await expect(warning).toHaveCount(0);
  await pkce.uncheck();
  await expect(warning).toBeVisible();

  const saved = await page.request.put(`/api/v6/identity-providers/${providerId}`, {
    headers: auth,
    data: { ...input, clientSecret: "", pkce: false },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  const rows = await auditFor(providerId, "ProviderChanged");
  const warnings = rows.flatMap((r) => (r.data as { warnings?: string[] }).warnings ?? []);
  expect(
    warnings.some((w) => /^pkce off: Without PKCE/.test(w)),
    JSON.stringify(warnings),
  ).toBe(true);
});

test("disabling a provider ends the sessions that came through it", async ({ browser }) => {
  const admin = await newPage(browser);
  await signIn(admin);
  const { providerId, auth, user } = await providerWithAlice(admin.request);
  const alice = await aliceAtProvider(browser, providerId);
  await aliceSignsInThere(alice);
  await expect(alice.getByRole("navigation", { name: "Main" })).toBeVisible();
  expect((await alice.request.get("/api/v6/session")).status()).toBe(200);

  const disabled = await admin.request.patch(`/api/v6/identity-providers/${providerId}`, {
    headers: auth,
    data: { enabled: false },
  });
  expect(disabled.status(), await disabled.text()).toBe(200);

  expect((await alice.request.get("/api/v6/session")).status()).toBe(401);
  await alice.goto("/settings/account");
  await expect(alice).toHaveURL(/\/login/);
  const live = await withDb((db) =>
    db
      .select()
      .from(appSessions)
      .where(and(eq(appSessions.userId, user.id), eq(appSessions.providerId, providerId))),
  );
  expect(live.length).toBeGreaterThan(0);
  expect(live.every((s) => s.revokedAt !== null)).toBe(true);
  const revoked = await auditFor(providerId, "SessionRevoked");
  expect(revoked.map((r) => r.data)).toContainEqual(
    expect.objectContaining({ userId: user.id, count: 1, reason: expect.stringMatching(/disabled/) }),
  );
});

test("a sign-in started before the provider was disabled and finished after it fails, named and audited", async ({
  browser,
}) => {
  const admin = await newPage(browser);
  await signIn(admin);
  const { providerId, auth, user } = await providerWithAlice(admin.request);
  const alice = await aliceAtProvider(browser, providerId);

  const disabled = await admin.request.patch(`/api/v6/identity-providers/${providerId}`, {
    headers: auth,
    data: { enabled: false },
  });
  expect(disabled.status()).toBe(200);

  await aliceSignsInThere(alice);
  await expect(alice).toHaveURL(/\/login\?error=oauth_failed/);
  await expect(alice.getByRole("alert").filter({ hasText: "did not succeed" })).toHaveText(
    "The sign-in at your identity provider did not succeed. Please try again.",
  );
  expect((await alice.request.get("/api/v6/session")).status()).toBe(401);
  const sessions = await withDb((db) => db.select().from(appSessions).where(eq(appSessions.userId, user.id)));
  expect(sessions).toHaveLength(0);
  const failed = await auditFor(providerId, "LoginFailed");
  expect(failed.map((r) => (r.data as { reason?: string }).reason)).toContainEqual(
    expect.stringMatching(/^callback: the identity provider was disabled/),
  );
});
