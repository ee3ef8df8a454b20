import { E2E_PORT } from "../../playwright.config";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "../fixtures/session";

const issuer = () => process.env.E2E_IDP_ISSUER!;
const SECRET = "editor-secret+/:%-9f3a";

/** Collects every response body the page receives, to prove the secret never comes back. */
function recordResponses(page: Page): string[] {
  const bodies: string[] = [];
  page.on("response", async (r) => {
    const body = await r.text().catch(() => "");
    bodies.push(body);
  });
  return bodies;
}

test("an admin creates a provider from discovery, with a resource URI and two mappings; every value survives a reload; the secret never comes back", async ({
  page,
}) => {
  const bodies = recordResponses(page);
  await signIn(page);
  await page.goto("/settings/identity-providers/new");
  await page.getByLabel("Well-known configuration URL").fill(`${issuer()}/.well-known/openid-configuration`);
  await page.getByRole("button", { name: "Load" }).click();
  await expect(page.getByLabel("Token Uri")).toHaveValue(`${issuer()}/token`);
  await expect(page.getByLabel("Issuer", { exact: true })).toHaveValue(issuer());

  const name = `Editor IdP ${Date.now()}`;
  await page.getByLabel("Provider Name").fill(name);
  await page.getByLabel("Client Id", { exact: true }).fill("client-basic");
  await page.getByLabel("Client Secret").fill(SECRET);

  await page.getByRole("button", { name: "Add resource URI" }).click();
  const resource = page.getByRole("group", { name: "Resource URI 1" });
  await resource.getByLabel("Resource Uri").fill(`${issuer()}/me`);
  await resource.getByLabel("Query parameter").selectOption("access_token");
  await resource.getByRole("button", { name: "Add field mapping" }).click();
  await resource.getByRole("button", { name: "Add field mapping" }).click();
  const first = resource.getByRole("group", { name: "Field mapping 1" });
  await first.getByLabel("Field property path").fill("email");
  await first.getByLabel("Data field").selectOption("email");
  const second = resource.getByRole("group", { name: "Field mapping 2" });
  await second.getByLabel("Field property path").fill("['urn:example:document'].number");
  await second.getByLabel("Data field").selectOption("documentNumber");
  await second.getByLabel("Validate / Update").selectOption("update");

  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/settings\/identity-providers\/[0-9a-f-]{36}/);
  await page.reload();

  await expect(page.getByLabel("Provider Name")).toHaveValue(name);
  await expect(page.getByLabel("Client Id", { exact: true })).toHaveValue("client-basic");
  await expect(page.getByLabel("Authorization Uri")).toHaveValue(`${issuer()}/auth`);
  await expect(page.getByLabel("Token Uri")).toHaveValue(`${issuer()}/token`);
  await expect(page.getByLabel("JSON Web Key Set (JWKS) URI")).toHaveValue(`${issuer()}/jwks`);
  await expect(page.getByText("A secret is set")).toBeVisible();
  const saved = page.getByRole("group", { name: "Resource URI 1" });
  await expect(saved.getByLabel("Resource Uri")).toHaveValue(`${issuer()}/me`);
  await expect(saved.getByLabel("Query parameter")).toHaveValue("access_token");
  await expect(saved.getByRole("group", { name: "Field mapping 1" }).getByLabel("Field property path")).toHaveValue(
    "email",
  );
  await expect(saved.getByRole("group", { name: "Field mapping 2" }).getByLabel("Field property path")).toHaveValue(
    "['urn:example:document'].number",
  );
  await expect(saved.getByRole("group", { name: "Field mapping 2" }).getByLabel("Validate / Update")).toHaveValue(
    "update",
  );
  await expect(saved.getByRole("group", { name: "Field mapping 2" }).getByLabel("Data field")).toHaveValue(
    "documentNumber",
  );
  const redirect = page.getByLabel("Redirect Uri");
  await expect(redirect).toHaveValue(new RegExp(`^http://localhost:${E2E_PORT}/oauth/callback/[0-9a-f-]{36}$`));

  // Turning a check off says what it opens up.
  await page.getByLabel("Validate issuer").uncheck();
  await expect(page.getByText("Without the issuer check, a token signed by another issuer")).toBeVisible();

  expect(await page.content()).not.toContain(SECRET);
  expect(bodies.join("\n")).not.toContain(SECRET);
});

test("an invalid path and an Update of the email are refused under their fields", async ({ page }) => {
  await signIn(page);
  await page.goto("/settings/identity-providers/new");
  await page.getByLabel("Provider Name").fill(`Bad ${Date.now()}`);
  await page.getByLabel("Client Id", { exact: true }).fill("c");
  await page.getByLabel("Authorization Uri").fill("https://idp.example.com/a");
  await page.getByLabel("Token Uri").fill("https://idp.example.com/t");
  await page.getByRole("button", { name: "Add resource URI" }).click();
  const resource = page.getByRole("group", { name: "Resource URI 1" });
  await resource.getByLabel("Resource Uri").fill("https://idp.example.com/me");
  await resource.getByRole("button", { name: "Add field mapping" }).click();
  const mapping = resource.getByRole("group", { name: "Field mapping 1" });
  await mapping.getByLabel("Field property path").fill("user..email");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(mapping.getByText(/path syntax error at column 6/)).toBeVisible();
  await expect(page).toHaveURL(/\/new$/);
  // The section index (issue 16) marks the section holding the error and leads to it.
  const index = page.getByRole("navigation", { name: "Sections of this provider" });
  await expect(index.getByRole("link", { name: "Resource URIs (has an error)" })).toBeVisible();
  await expect(index.getByRole("link", { name: "General", exact: true })).toBeVisible();
  await index.getByRole("link", { name: "Usage" }).click();
  await expect(page).toHaveURL(/#usage$/);
  await expect(page.locator("#usage")).toBeInViewport();
});
