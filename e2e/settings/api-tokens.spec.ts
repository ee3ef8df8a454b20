import { expect, test } from "@playwright/test";
import { signIn } from "../fixtures/session";

test("an administrator creates an API token, uses it, and revokes it", async ({ page, request }) => {
  await signIn(page);
  await page.goto("/settings/api-tokens");
  const name = `CRM ${Date.now()}`;
  await page.getByLabel("Token name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByLabel("New API token").inputValue();
  expect(token).toMatch(/^sat_[A-Za-z0-9_-]{43}$/);

  const headers = { authorization: `Bearer ${token}` };
  expect((await request.get("/api/v6/identity-providers", { headers })).status()).toBe(200);

  await page.reload();
  await expect(page.getByText(token)).toHaveCount(0); // shown once only
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("active");
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("revoked");
  expect((await request.get("/api/v6/identity-providers", { headers })).status()).toBe(401);
});
