import { and, eq } from "drizzle-orm";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { auditEvents, oauthAssignments } from "../../db/schema";
import { seedUser } from "../../db/test/seed";
import { tokenFor } from "../fixtures/api-tokens";
import { withDb } from "../fixtures/database";
import { registerClient } from "../fixtures/oidc-registration";
import { adminCredentials, signIn } from "../fixtures/session";

// Sign-out against the real oidc-provider (rpInitiatedLogout and backchannelLogout on). Each
// test makes its own provider in the app and registers its own client at the provider
// (dynamic registration), with the app's per-provider back-channel logout URI.

const issuer = () => process.env.E2E_IDP_ISSUER!;

/** A provider at the test IdP, with a client registered for it, and a user bound to Alice there. */
async function providerWithAlice(page: Page) {
  const auth = { authorization: `Bearer ${await tokenFor(adminCredentials().email)}` };
  const discovery = await (
    await page.request.post("/api/v6/identity-providers/discovery", {
      headers: auth,
      data: { url: `${issuer()}/.well-known/openid-configuration` },
    })
  ).json();
  const base = {
    ...discovery.input,
    name: `Logout ${Date.now()} ${Math.random().toString(36).slice(2, 6)}`,
    usedForUserAuthentication: true,
  };
  const created = await (
    await page.request.post("/api/v6/identity-providers", {
      headers: auth,
      data: { ...base, clientId: "to-be-registered", clientSecret: "x" },
    })
  ).json();
  expect(created.postLogoutRedirectUri).toMatch(/\/oauth\/logout-complete$/);
  expect(created.backchannelLogoutUri).toMatch(new RegExp(`/oauth/backchannel-logout/${created.id}$`));
  const client = await registerClient(issuer(), {
    redirect_uris: [created.redirectUri],
    post_logout_redirect_uris: [created.postLogoutRedirectUri],
    backchannel_logout_uri: created.backchannelLogoutUri,
    backchannel_logout_session_required: true,
  });
  const saved = await page.request.put(`/api/v6/identity-providers/${created.id}`, {
    headers: auth,
    data: { ...base, clientId: client.clientId, clientSecret: client.clientSecret },
  });
  expect(saved.status()).toBe(200);
  const user = await withDb(async (db) => {
    const { user } = await seedUser(db, { password: null });
    await db
      .insert(oauthAssignments)
      .values({ userId: user.id, providerId: created.id, state: "bound", subject: "sub-alice", boundAt: new Date() });
    return user;
  });
  return {
    providerId: created.id as string,
    providerName: base.name as string,
    user,
    auth,
    urls: { postLogout: created.postLogoutRedirectUri as string, backchannel: created.backchannelLogoutUri as string },
  };
}

/** Alice signs in through the provider's Logon URL in a fresh browser. */
async function aliceSignsIn(browser: Browser, providerId: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`/oauth/login/${providerId}`);
  await page.getByLabel("Username").fill("alice");
  await page.getByLabel("Password").fill("alice-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  return page;
}

const signedOut = async (page: Page) => {
  await page.goto("/settings/account");
  await expect(page).toHaveURL(/\/login/);
};

const auditFor = (providerId: string, action: string) =>
  withDb((db) =>
    db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.providerId, providerId), eq(auditEvents.action, action))),
  );

test("signing out sends the user through the provider's end-session page back to the login page; the old cookie is refused", async ({
  page,
  browser,
}) => {
  const { providerId, user } = await providerWithAlice(page);
  const alice = await aliceSignsIn(browser, providerId);
  const cookies = await alice.context().cookies();

  await alice.getByRole("button", { name: "Sign out" }).click();
  await expect(alice.getByRole("heading", { name: "Do you want to sign out?" })).toBeVisible();
  expect(alice.url().startsWith(`${issuer()}/session/end`)).toBe(true);
  await alice.getByRole("button", { name: "Yes, sign me out" }).click();
  await expect(alice).toHaveURL(/\/login\?signedOut=provider$/);
  await expect(alice.getByRole("status")).toHaveText("You have been signed out, here and at your identity provider.");

  // The session cookie of before, replayed from another browser, is a signed-out visitor's.
  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  const replayPage = await replay.newPage();
  await signedOut(replayPage);
  expect((await replayPage.request.get("/api/v6/session")).status()).toBe(401);

  const [logout] = await auditFor(providerId, "LogoutSucceeded");
  expect(logout?.data).toMatchObject({ userId: user.id, method: "oauth", atProvider: true });
  // Back at the provider, Alice has to sign in again.
  await alice.goto(`/oauth/login/${providerId}`);
  await expect(alice.getByLabel("Password")).toBeVisible();
});

test("signing out at the provider ends the app session through back-channel logout", async ({ page, browser }) => {
  const { providerId, urls } = await providerWithAlice(page);
  // The addresses to register at the provider, read-only on the provider page.
  await signIn(page);
  await page.goto(`/settings/identity-providers/${providerId}`);
  await expect(page.getByLabel("Post-logout return URL")).toHaveValue(urls.postLogout);
  await expect(page.getByLabel("Back-channel sign-out URL")).toHaveValue(urls.backchannel);
  await expect(page.getByLabel("Back-channel sign-out URL")).toHaveAttribute("readonly", "");

  const alice = await aliceSignsIn(browser, providerId);
  const other = await aliceSignsIn(browser, providerId);

  // Alice signs out on the provider's own page, in the first browser only.
  await alice.goto(`${issuer()}/session/end`);
  await alice.getByRole("button", { name: "Yes, sign me out" }).click();
  await expect(alice.getByRole("heading", { name: "You are signed out" })).toBeVisible();
  await signedOut(alice);
  await other.goto("/settings/account");
  await expect(other.getByRole("navigation", { name: "Main" })).toBeVisible();

  const [event] = await auditFor(providerId, "BackchannelLogout");
  expect(event?.data).toMatchObject({ subject: "sub-alice", sidGiven: true, count: 1 });
  // Only POST is accepted there.
  const get = await page.request.get(`/oauth/backchannel-logout/${providerId}`);
  expect(get.status()).toBe(405);
  expect(get.headers()["allow"]).toBe("POST");
  expect(get.headers()["cache-control"]).toBe("no-store");
});

test("an administrator ends a user's session from the user's page; disabling the user ends the next one", async ({
  page,
  browser,
}) => {
  const { providerId, providerName, user, auth } = await providerWithAlice(page);
  const alice = await aliceSignsIn(browser, providerId);
  // Alice sees her own session on Settings → Account, and nobody else's.
  await alice.goto("/settings/account");
  await expect(
    alice.getByRole("region", { name: "Sessions" }).getByRole("row").filter({ hasText: "this session" }),
  ).toContainText(providerName);
  const adminId = (
    await (
      await page.request.get(`/api/v6/users?search=${encodeURIComponent(adminCredentials().email)}`, { headers: auth })
    ).json()
  ).items[0].id;
  expect((await alice.request.get(`/api/v6/users/${adminId}/sessions`)).status()).toBe(403);

  await signIn(page);
  await page.goto(`/settings/users/${user.id}`);
  const sessions = page.getByRole("region", { name: "Sessions" });
  const row = sessions.getByRole("row").filter({ hasText: providerName });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(/Chrome on Linux/);
  await row.getByRole("button", { name: /^End session on / }).click();
  await page.getByRole("dialog").getByRole("button", { name: "End session" }).click();
  await expect(sessions.getByRole("status")).toContainText("has ended");
  await expect(sessions.getByText("No open sessions.")).toBeVisible();
  await signedOut(alice);
  const [ended] = (
    await withDb((db) => db.select().from(auditEvents).where(eq(auditEvents.action, "SessionRevoked")))
  ).filter((e) => (e.data as { userId?: string }).userId === user.id);
  expect(ended?.data).toMatchObject({ reason: "Ended by an administrator", count: 1 });

  // Signed in again (the provider still knows Alice: no password), then disabled.
  await alice.goto(`/oauth/login/${providerId}`);
  await expect(alice.getByRole("navigation", { name: "Main" })).toBeVisible();
  const disabled = await page.request.patch(`/api/v6/users/${user.id}`, { headers: auth, data: { enabled: false } });
  expect(disabled.status()).toBe(200);
  await signedOut(alice);
});

test("the sessions REST API: an integrator lists a user's sessions and ends one; the next request is signed out", async ({
  page,
  browser,
}) => {
  const { providerId, providerName, user, auth } = await providerWithAlice(page);
  const alice = await aliceSignsIn(browser, providerId);
  const url = `/api/v6/users/${user.id}/sessions`;
  const list = await page.request.get(url, { headers: auth });
  expect(list.status()).toBe(200);
  const { items } = await list.json();
  expect(items).toHaveLength(1);
  expect(items[0]).toMatchObject({ method: "oauth", providerName, device: expect.stringMatching(/Chrome on Linux/) });
  expect(JSON.stringify(items)).not.toMatch(/eyJ|idToken|id_token|idHash/);
  // Alice sees the same list for herself, with her own session; anonymous callers get 401.
  expect((await (await alice.request.get(url)).json()).items.map((s: { id: string }) => s.id)).toEqual([items[0].id]);
  const anonymous = await browser.newContext();
  expect((await anonymous.request.get(url)).status()).toBe(401);
  await anonymous.close();

  const ended = await page.request.delete(`${url}/${items[0].id}`, { headers: auth });
  expect(ended.status()).toBe(204);
  await signedOut(alice);
  expect((await page.request.delete(`${url}/${items[0].id}`, { headers: auth })).status()).toBe(404);
  expect((await (await page.request.get(url, { headers: auth })).json()).items).toEqual([]);
});
