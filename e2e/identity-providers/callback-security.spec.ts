import { expect, test, type Browser, type Page } from "@playwright/test";
import { tokenFor } from "../fixtures/api-tokens";
import { signInAtProvider } from "../fixtures/oidc-login";
import { adminCredentials, signIn } from "../fixtures/session";

const issuer = () => process.env.E2E_IDP_ISSUER!;

async function testedProvider(page: Page): Promise<string> {
  const auth = { authorization: `Bearer ${await tokenFor(adminCredentials().email)}` };
  const d = await (
    await page.request.post("/api/v6/identity-providers/discovery", {
      headers: auth,
      data: { url: `${issuer()}/.well-known/openid-configuration` },
    })
  ).json();
  const created = await page.request.post("/api/v6/identity-providers", {
    headers: auth,
    data: {
      ...d.input,
      name: `Callback ${Date.now()} ${Math.random()}`,
      clientId: "client-basic",
      clientSecret: process.env.E2E_IDP_BASIC_SECRET,
    },
  });
  return (await created.json()).id;
}

/**
 * Starts a Test connection in this page's browser context (its cookie jar gets the flow
 * cookie), signs in at the IdP as Bob would, and returns the callback URL the IdP sends the
 * browser to, without visiting it.
 */
async function callbackUrlOf(page: Page, providerId: string): Promise<string> {
  const start = await page.request.post(`/oauth/start/test/${providerId}`, {
    headers: { origin: new URL(page.url()).origin },
    maxRedirects: 0,
  });
  expect(start.status()).toBe(303);
  const login = await signInAtProvider(start.headers()["location"]!, {
    credentials: { username: "bob", password: "bob-password" },
  });
  if (login.kind !== "redirect") throw new Error(`the IdP answered a page: ${login.status}`);
  expect(login.location.searchParams.get("code")).toBeTruthy();
  return login.location.toString();
}

async function adminPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page);
  return page;
}

test("the callback redirects to a URL without the code, with Referrer-Policy: no-referrer", async ({ browser }) => {
  const page = await adminPage(browser);
  const providerId = await testedProvider(page);
  const url = await callbackUrlOf(page, providerId);
  const response = await page.request.get(url, { maxRedirects: 0 });
  expect(response.status()).toBe(303);
  expect(response.headers()["referrer-policy"]).toBe("no-referrer");
  const location = response.headers()["location"]!;
  expect(location).toMatch(new RegExp(`/settings/identity-providers/${providerId}/test/`));
  expect(location).not.toContain("code=");
  expect(location).not.toContain("state=");
});

test("an attacker's valid code pasted into a victim's browser is refused (the flow is bound to the browser that started it)", async ({
  browser,
}) => {
  const attacker = await adminPage(browser);
  const providerId = await testedProvider(attacker);
  const stolen = await callbackUrlOf(attacker, providerId);
  const victim = await adminPage(browser);
  await victim.goto(stolen);
  await expect(victim).toHaveURL(/\/oauth\/error\?code=browser/);
  await expect(victim.getByText("This sign-in was started in another browser.")).toBeVisible();
  // The refusal used nothing up (issue 13 item 11): the browser that started the flow finishes it, once.
  await attacker.goto(stolen);
  await expect(attacker).toHaveURL(/\/settings\/identity-providers\/[^/]+\/test\//);
  await attacker.goto(stolen);
  await expect(attacker).toHaveURL(/\/oauth\/error\?code=replayed/);
});

test("a callback with no state or a forged one gets the friendly page with a way back", async ({ page }) => {
  await signIn(page);
  await page.goto(`/oauth/callback/${crypto.randomUUID()}?code=abc&state=forged`);
  await expect(page.getByRole("heading", { name: "The sign-in could not be completed" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to the start" })).toBeVisible();
  await page.goto(`/oauth/error?code=<script>alert(1)</script>`);
  await expect(page.getByText("This sign-in can no longer be completed.")).toBeVisible();
});

test("a leaked state replayed from another browser or at another provider's callback uses nothing up: the owner still completes", async ({
  browser,
}) => {
  const owner = await adminPage(browser);
  const providerId = await testedProvider(owner);
  const otherProviderId = await testedProvider(owner);
  const leaked = await callbackUrlOf(owner, providerId);

  // Another browser: without any flow cookie, and with a flow cookie of its own.
  const stranger = await (await browser.newContext()).newPage();
  const noCookie = await stranger.request.get(leaked, { maxRedirects: 0 });
  expect(noCookie.status()).toBe(303);
  expect(noCookie.headers()["location"]).toMatch(/\/oauth\/error\?code=browser$/);
  const attacker = await adminPage(browser);
  await callbackUrlOf(attacker, providerId);
  const otherCookie = await attacker.request.get(leaked, { maxRedirects: 0 });
  expect(otherCookie.headers()["location"]).toMatch(/\/oauth\/error\?code=browser$/);

  // The owner's own browser, but at another provider's callback (mix-up).
  const wrongProvider = leaked.replace(`/oauth/callback/${providerId}`, `/oauth/callback/${otherProviderId}`);
  expect(wrongProvider).not.toBe(leaked);
  const mixup = await owner.request.get(wrongProvider, { maxRedirects: 0 });
  expect(mixup.headers()["location"]).toMatch(/\/oauth\/error\?code=mixup$/);

  // None of that used the flow up: the owner finishes it, once.
  const done = await owner.request.get(leaked, { maxRedirects: 0 });
  expect(done.status()).toBe(303);
  expect(done.headers()["location"]).toMatch(
    new RegExp(`/settings/identity-providers/${providerId}/test/[0-9a-f-]{36}$`),
  );
  await owner.goto(done.headers()["location"]!);
  await expect(owner.getByRole("status")).toHaveText("Connection works: every step succeeded.");
  const again = await owner.request.get(leaked, { maxRedirects: 0 });
  expect(again.headers()["location"]).toMatch(/\/oauth\/error\?code=replayed$/);
});
