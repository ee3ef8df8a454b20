import { expect, test, type Page } from "@playwright/test";
import { tokenFor } from "../fixtures/api-tokens";
import { adminCredentials, signIn } from "../fixtures/session";
import { runTestConnection } from "../fixtures/demo-idp-provider";

const issuer = () => process.env.E2E_IDP_ISSUER!;

async function providerFor(request: Page["request"], over: Record<string, unknown>) {
  const auth = { authorization: `Bearer ${await tokenFor(adminCredentials().email)}` };
  const discovered = await (
    await request.post("/api/v6/identity-providers/discovery", {
      headers: auth,
      data: { url: `${issuer()}/.well-known/openid-configuration` },
    })
  ).json();
  const secret = process.env.E2E_IDP_BASIC_SECRET!;
  const created = await request.post("/api/v6/identity-providers", {
    headers: auth,
    data: {
      ...discovered.input,
      name: `Tested ${Date.now()} ${Math.random()}`,
      clientId: "client-basic",
      clientSecret: secret,
      scope: "openid email profile",
      ...over,
    },
  });
  expect(created.status()).toBe(201);
  return (await created.json()) as { id: string; jwt: Record<string, unknown> };
}

const runTest = runTestConnection;

test("Test connection against the real OpenID Provider: a Validate mapping that would fail turns the verdict amber and is named, claims shown, no token anywhere", async ({
  page,
}) => {
  await signIn(page);
  // The scope has no "address": the /me answer holds no address.country, so this Validate mapping would refuse alice.
  const provider = await providerFor(page.request, {
    resourceUris: [
      {
        uri: `${issuer()}/me`,
        queryParameter: "bearer",
        mappings: [{ path: "address.country", mode: "validate", field: "countryOfResidence" }],
      },
    ],
  });
  const tab = await runTest(page, provider.id);
  // Issue 16: the verdict reflects every step; it used to say "every step succeeded" here.
  await expect(tab.getByRole("status")).toContainText("Connection works, but 1 mapping would refuse people");
  await expect(tab.getByRole("status")).toContainText("address.country");
  await expect(tab.getByRole("status")).not.toContainText("every step succeeded");
  await expect(tab.getByLabel("failed")).toHaveCount(0);
  for (const step of [
    "1. Authorization",
    "2. Token call",
    "3. ID token",
    "4. Resource URI",
    "5. Subject",
    "6. Mappings",
  ]) {
    await expect(tab.getByRole("heading", { name: new RegExp(step.replace(".", "\\.")) }).first()).toBeVisible();
  }
  await expect(tab.getByRole("heading", { name: /6\. Mappings/ }).getByLabel("warning")).toBeVisible();
  await expect(
    tab.getByRole("table", { name: "Mapping outcomes" }).getByRole("row").filter({ hasText: "address.country" }),
  ).toContainText("Would refuse people: no value at");
  await expect(
    tab
      .getByText("✓ iss:")
      .or(tab.getByText(/✓ (issuer|iss)/))
      .first(),
  ).toBeVisible();
  // The claims read as a table first; the raw JSON is folded below.
  await expect(tab.getByRole("table", { name: "Claims" }).getByRole("row").filter({ hasText: /^sub/ })).toContainText(
    "sub-alice",
  );
  await tab
    .getByRole("listitem")
    .filter({ has: tab.getByRole("heading", { name: /3\. ID token/ }) })
    .getByText("Raw JSON")
    .click();
  await expect(tab.getByText('"sub": "sub-alice"').first()).toBeVisible();
  const html = await tab.content();
  expect(html).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/); // no JWT
  expect(html).not.toContain(process.env.E2E_IDP_BASIC_SECRET!);

  // Mapping preview: on a pasted sample, then on what this test received.
  await page.reload();
  await page.getByLabel("Sample comes from").selectOption({ label: "Resource URI 1" });
  await page.getByLabel("Sample JSON").fill('{ "address": { "country": "AT" } }');
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("table", { name: "Mapping preview" });
  await expect(preview.getByRole("row").filter({ hasText: "address.country" })).toContainText("AT");
  await expect(preview.getByRole("row").filter({ hasText: "address.country" })).toContainText(
    'Passes for a recipient whose disposable certificate country of residence is "AT"',
  );
  await page.getByRole("button", { name: "Use the last Test connection" }).click();
  await expect(preview.getByRole("row").filter({ hasText: "address.country" })).toContainText("not found");
  await expect(preview.getByRole("row").filter({ hasText: "address.country" })).toContainText("Would refuse people");
  // Preview after taking the last test's sample: it previews that sample, no false "not valid JSON".
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText("The sample is not valid JSON.")).toHaveCount(0);
  await expect(preview.getByRole("row").filter({ hasText: "address.country" })).toContainText("not found");
});

test("Test connection without resource URIs: steps numbered 1..n, every mapping says what it would do", async ({
  page,
}) => {
  await signIn(page);
  const created = await providerFor(page.request, {});
  const auth = { authorization: `Bearer ${await tokenFor(adminCredentials().email)}` };
  const saved = await page.request.put(`/api/v6/identity-providers/${created.id}`, {
    headers: auth,
    data: {
      ...(await (await page.request.get(`/api/v6/identity-providers/${created.id}`, { headers: auth })).json()),
      resourceUris: [],
      jwt: {
        ...created.jwt,
        mappings: [
          { path: "email", mode: "validate", field: "email" },
          { path: "given_name", mode: "update", field: "firstName" },
        ],
      },
    },
  });
  expect(saved.status()).toBe(200);
  const tab = await runTest(page, created.id);
  await expect(tab.getByRole("status")).toHaveText("Connection works: every step succeeded.");
  const headings = tab.getByRole("listitem").getByRole("heading");
  await expect(headings).toHaveCount(5);
  for (const [i, step] of ["Authorization", "Token call", "ID token", "Subject", "Mappings"].entries())
    await expect(headings.nth(i)).toContainText(`${i + 1}. ${step}`);
  const mappings = tab.getByRole("table", { name: "Mapping outcomes" });
  await expect(mappings.getByRole("row").filter({ hasText: "given_name" })).toContainText(
    'Would set First name to "Alice"',
  );
  await expect(mappings.getByRole("row").filter({ hasText: "email" }).first()).toContainText(
    'Passes for a recipient whose email address is "alice@example.com"',
  );
});

test("Test connection with a wrong issuer names the failing step and the fix", async ({ page }) => {
  await signIn(page);
  const discovered = await providerFor(page.request, {});
  const auth = { authorization: `Bearer ${await tokenFor(adminCredentials().email)}` };
  const wrong = await page.request.put(`/api/v6/identity-providers/${discovered.id}`, {
    headers: auth,
    data: {
      ...(await (await page.request.get(`/api/v6/identity-providers/${discovered.id}`, { headers: auth })).json()),
      jwt: { ...discovered.jwt, issuer: "https://not-the-issuer.example" },
    },
  });
  expect(wrong.status()).toBe(200);
  const tab = await runTest(page, discovered.id);
  // oidc-provider sends iss in the authorization response (RFC 9207): the mismatch shows at once.
  await expect(tab.getByRole("status")).toContainText("Failed at step 'authorization'");
  await expect(tab.getByRole("status")).toContainText("https://not-the-issuer.example");
  await expect(tab.getByLabel("failed").first()).toBeVisible();
});

test("Sign in as someone else: a second Test connection shows the IdP's login form although its session is alive", async ({
  page,
}) => {
  await signIn(page);
  const provider = await providerFor(page.request, {});
  const first = await runTest(page, provider.id);
  // The report's claims table names who signed in (the raw JSON is folded below it).
  await expect(first.getByRole("table", { name: "Claims" }).getByRole("row").filter({ hasText: /^sub/ })).toContainText(
    "sub-alice",
  );
  await first.close();

  // Test connection again would reuse alice's session at the IdP; this one asks who signs in.
  const popup = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign in as someone else" }).click();
  const tab = await popup;
  await expect(tab.getByLabel("Username")).toBeVisible();
  expect(new URL(tab.url()).origin).toBe(new URL(issuer()).origin);
  await tab.getByLabel("Username").fill("bob");
  await tab.getByLabel("Password").fill("bob-password");
  await tab.getByRole("button", { name: "Sign in" }).click();
  await expect(tab.getByRole("heading", { name: "Test connection report" })).toBeVisible();
  await expect(tab.getByRole("table", { name: "Claims" }).getByRole("row").filter({ hasText: /^sub/ })).toContainText(
    "sub-bob",
  );
});
