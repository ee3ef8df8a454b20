// Issue 8 / TESTING 31, 35, 38: no client secret, API token or private key material in any
// admin page (HTML and RSC payload) or admin API answer; markup typed into names is text.
import { inArray } from "drizzle-orm";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { providerKeys } from "../../db/schema";
import { tokenFor } from "../fixtures/api-tokens";
import { adminCredentials, signIn } from "../fixtures/session";
import { apiRoutes, appPages, fill } from "./routes";
import { getRsc, idFor, realIds, withDb } from "./surface";

const issuer = () => process.env.E2E_IDP_ISSUER!;
const MARKUP = "<img src=x onerror=alert(1)>";
const tag = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const providerBody = (name: string, extra: Record<string, unknown>) => ({
  name,
  clientId: `client-${tag()}`,
  authorizationUri: `${issuer()}/auth`,
  tokenUri: `${issuer()}/token`,
  jwt: { jwksUri: `${issuer()}/jwks`, issuer: issuer() },
  ...extra,
});

/** Fails naming the first forbidden string found in `text`. */
function expectClean(text: string, forbidden: string[], where: string) {
  for (const f of forbidden) expect(text.includes(f), `${where} contains ${f.slice(0, 12)}…`).toBe(false);
  // Private key material in any spelling: a JWK's private members or a PEM block.
  expect(text, where).not.toMatch(/"(d|p|q|dp|dq|qi)"\s*:\s*"[A-Za-z0-9_-]{20,}/);
  expect(text, where).not.toMatch(/PRIVATE KEY/);
}

test("client secrets, API tokens and private keys appear in no admin page (HTML or RSC) and no admin API answer", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const secret = `known-secret-${tag()}-${"s".repeat(20)}`;
  const auth = { authorization: `Bearer ${await tokenFor(adminCredentials().email)}` };
  const ids = await realIds(request, providerBody(`Secret basic ${tag()}`, { clientSecret: secret }));
  const pkjwt = await request.post("/api/v6/identity-providers", {
    headers: auth,
    data: providerBody(`Secret pkjwt ${tag()}`, {
      clientSecret: `${secret}-pk`,
      tokenEndpointAuthMethod: "private_key_jwt",
    }),
  });
  expect(pkjwt.status()).toBe(201);
  const pkjwtId = ((await pkjwt.json()) as { id: string }).id;
  const sealed = await withDb((db) =>
    db
      .select()
      .from(providerKeys)
      .where(inArray(providerKeys.providerId, [pkjwtId])),
  );
  expect(sealed.length).toBeGreaterThan(0);
  const apiToken = await tokenFor(adminCredentials().email);
  const forbidden = [secret, apiToken, apiToken.slice(4), ...sealed.map((k) => k.privateJwkSealed)];

  await signIn(page, adminCredentials());
  let scanned = 0;
  for (const providerId of [ids.provider, pkjwtId]) {
    const idOf = idFor({ ...ids, provider: providerId });
    // Everything once; the second provider's own pages too.
    const aboutProvider = (pattern: string) =>
      providerId === ids.provider || pattern.includes("/identity-providers/[id]");
    for (const p of appPages().filter((p) => aboutProvider(p.pattern))) {
      const url = fill(p.pattern, idOf);
      const html = await page.request.get(url);
      expectClean(await html.text(), forbidden, `HTML of ${url}`);
      const rsc = await getRsc(page.request, url);
      expect(rsc.headers()["content-type"], url).toContain("text/x-component");
      expectClean(await rsc.text(), forbidden, `RSC payload of ${url}`);
      // The DOM after client components fetched their data through the API.
      await page.goto(url, { waitUntil: "networkidle" });
      expectClean(await page.content(), forbidden, `DOM of ${url}`);
      scanned += 3;
    }
    for (const r of apiRoutes().filter((r) => r.methods.includes("GET") && aboutProvider(r.pattern))) {
      const url = fill(r.pattern, idOf);
      for (const [who, ctx] of [
        ["token", request],
        ["session", page.request],
      ] as [string, APIRequestContext][]) {
        const res = await ctx.get(url, who === "token" ? { headers: { authorization: `Bearer ${apiToken}` } } : {});
        expect(res.status(), `${who} GET ${url}`).toBeLessThan(500);
        expectClean(await res.text(), forbidden, `${who} GET ${url}`);
        scanned += 1;
      }
    }
  }
  // The provider's own page did load with the secret set (so the scan looked where it could leak).
  await page.goto(`/settings/identity-providers/${ids.provider}`);
  await expect(page.getByText(/set/i).first()).toBeVisible();
  expect(scanned).toBeGreaterThan(100);
});

async function expectMarkupAsText(page: Page, url: string, visible = true) {
  await page.goto(url);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  if (visible) await expect(page.getByText(MARKUP).first(), url).toBeVisible();
  await expect(page.locator("img[src=x]"), url).toHaveCount(0);
}

test("markup typed into names is shown as text everywhere it appears", async ({ page, request }) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const auth = { authorization: `Bearer ${await tokenFor(adminCredentials().email)}` };
  const t = tag();
  const provider = await request.post("/api/v6/identity-providers", {
    headers: auth,
    data: providerBody(`${MARKUP} ${t}`, { clientSecret: "x" }),
  });
  expect(provider.status()).toBe(201);
  const providerId = ((await provider.json()) as { id: string }).id;
  const user = await request.post("/api/v6/users", {
    headers: auth,
    data: { email: `markup.${t}@example.test`, firstName: MARKUP, lastName: `${MARKUP} last` },
  });
  expect(user.status(), await user.text()).toBe(201);
  const userId = ((await user.json()) as { id: string }).id;
  const role = await request.post("/api/v6/roles", {
    headers: auth,
    data: { name: `${MARKUP} ${t}`, description: MARKUP },
  });
  expect(role.status(), await role.text()).toBe(201);
  const roleId = ((await role.json()) as { id: string }).id;

  await signIn(page, adminCredentials());
  // An API token named with markup, created as a person would.
  await page.goto("/settings/api-tokens");
  await page.getByLabel("Token name").fill(`${MARKUP} ${t}`);
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByLabel("New API token")).toBeVisible();

  await expectMarkupAsText(page, "/settings/identity-providers");
  await expectMarkupAsText(page, `/settings/identity-providers/${providerId}`, false);
  await expect(page.getByLabel("Provider Name")).toHaveValue(`${MARKUP} ${t}`);
  await page.goto("/settings/users");
  await page.getByRole("searchbox", { name: "Search users" }).fill(`markup.${t}`);
  await expect(page.getByRole("row").filter({ hasText: `markup.${t}` })).toContainText(MARKUP);
  await expect(page.locator("img[src=x]")).toHaveCount(0);
  await expectMarkupAsText(page, `/settings/users/${userId}`, false);
  await expect(page.getByLabel("First name")).toHaveValue(MARKUP);
  await expectMarkupAsText(page, "/settings/roles");
  await expectMarkupAsText(page, `/settings/roles/${roleId}`, false);
  await expectMarkupAsText(page, "/settings/api-tokens");
  // The security log describes each change with the names in it.
  await expectMarkupAsText(page, "/settings/audit");

  // A template's live preview renders what the administrator types as text (not saved: templates are shared).
  await page.goto("/settings/notification-templates");
  const subject = page.getByLabel("Subject").first();
  await subject.fill(`${MARKUP} #ProviderName#`);
  await expect(page.getByText(MARKUP).first()).toBeVisible();
  await expect(page.locator("img[src=x]")).toHaveCount(0);

  expect(dialogs).toEqual([]);
});
