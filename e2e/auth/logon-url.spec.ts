// The Logon URL login in Chromium against the run's OpenID Provider (issue 18): the callback
// itself signs the browser in, one redirect from the callback to the page asked for with the
// session cookie set; only in the browser that started the sign-in, and only once.
import { and, eq } from "drizzle-orm";
import { expect, test, type Page } from "@playwright/test";
import { appSessions, auditEvents } from "../../db/schema";
import { seedBoundUser, withDb } from "../fixtures/database";
import { demoIdpProvider } from "../fixtures/demo-idp-provider";
import { signInAtProvider } from "../fixtures/oidc-login";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const alice = { username: "alice", password: "alice-password" };

/** A provider used for user authentication, and a user bound to Alice's identity there. */
async function providerWithAlice(page: Page) {
  const { id: providerId } = await demoIdpProvider(page.request, `Logon URL ${unique()}`, {
    usedForUserAuthentication: true,
  });
  const user = await seedBoundUser(providerId);
  return { providerId, user };
}

const sessionsOf = (userId: string) =>
  withDb((db) => db.select().from(appSessions).where(eq(appSessions.userId, userId)));

test("the callback signs the browser in itself: one redirect to the page asked for, with the session cookie", async ({
  page,
  browser,
  baseURL,
}) => {
  const { providerId, user } = await providerWithAlice(page);
  const context = await browser.newContext();
  const person = await context.newPage();
  const documents: string[] = [];
  person.on("request", (r) => {
    const url = new URL(r.url());
    if (r.resourceType() === "document" && url.origin === new URL(baseURL!).origin) documents.push(url.pathname);
  });

  await person.goto(`/oauth/login/${providerId}?returnTo=${encodeURIComponent("/settings/account")}`);
  await person.getByLabel("Username").fill(alice.username);
  await person.getByLabel("Password").fill(alice.password);
  await person.getByRole("button", { name: "Sign in" }).click();
  await expect(person).toHaveURL(/\/settings\/account$/);
  await expect(person.getByText(user.email)).toBeVisible();

  // After the IdP: the callback, then the page itself; no second hop through /oauth/login-complete.
  expect(documents.slice(documents.indexOf(`/oauth/callback/${providerId}`))).toEqual([
    `/oauth/callback/${providerId}`,
    "/settings/account",
  ]);
  const [cookie, ...more] = (await context.cookies()).filter((c) => c.name.endsWith("authjs.session-token"));
  expect(more).toHaveLength(0);
  expect(cookie).toMatchObject({ name: "authjs.session-token", path: "/", httpOnly: true, sameSite: "Lax" });

  const sessions = await sessionsOf(user.id);
  expect(sessions).toHaveLength(1);
  expect(sessions[0]).toMatchObject({ method: "oauth", providerId, idpSubject: "sub-alice" });
  expect(sessions[0]!.idTokenSealed).toBeTruthy();
  const succeeded = await withDb((db) =>
    db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.providerId, providerId), eq(auditEvents.action, "LoginSucceeded"))),
  );
  expect(succeeded.map((e) => e.data)).toEqual([
    expect.objectContaining({ userId: user.id, email: user.email, method: "oauth" }),
  ]);
  await context.close();
});

test("the sign-in completes only in the browser that started it, and only once", async ({ page, browser }) => {
  const { providerId, user } = await providerWithAlice(page);
  // The first browser opens the Logon URL (it gets the flow's cookie); Alice signs in at the IdP,
  // whose answer (code and state) is held back before it reaches the app.
  const first = await browser.newContext();
  const start = await first.request.get(`/oauth/login/${providerId}`, { maxRedirects: 0 });
  expect(start.status()).toBe(303);
  const answer = await signInAtProvider(new URL(start.headers()["location"]!), { credentials: alice });
  if (answer.kind !== "redirect") throw new Error(`the IdP answered a page: ${answer.status}`);
  const callback = answer.location.toString();

  // The same answer opened in another browser: refused, no session, and nothing used up.
  const other = await browser.newContext();
  const stranger = await other.newPage();
  await stranger.goto(callback);
  await expect(stranger.getByText("This sign-in was started in another browser.")).toBeVisible();
  expect((await other.cookies()).filter((c) => c.name.endsWith("authjs.session-token"))).toEqual([]);
  await stranger.goto("/settings/account");
  await expect(stranger).toHaveURL(/\/login/);
  expect(await sessionsOf(user.id)).toHaveLength(0);

  // The browser that started it finishes it and is signed in.
  const person = await first.newPage();
  await person.goto(callback);
  await expect(person.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(person.getByRole("heading", { name: /^Welcome/ })).toBeVisible();
  // Once: the same answer again is refused, and no second session is made.
  await person.goto(callback);
  await expect(person.getByText("This sign-in was already completed.")).toBeVisible();
  expect(await sessionsOf(user.id)).toHaveLength(1);
  await first.close();
  await other.close();
});

test("a /oauth/login-complete link of before (a login in flight during an upgrade) lands on the login page", async ({
  page,
}) => {
  const answer = await page.request.get(`/oauth/login-complete?tx=${crypto.randomUUID()}`, { maxRedirects: 0 });
  expect(answer.status()).toBe(303);
  expect(new URL(answer.headers()["location"]!).pathname + new URL(answer.headers()["location"]!).search).toBe(
    "/login?error=oauth_failed",
  );
});
