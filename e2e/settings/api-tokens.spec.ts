import { expect, test, type Page } from "@playwright/test";
import { eq, sql } from "drizzle-orm";
import { apiTokens } from "../../db/schema";
import { openE2eDb } from "../fixtures/database";
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

/** Creates a token through Settings as a person would; returns the plaintext shown once. */
async function createToken(
  page: Page,
  name: string,
  options: { days?: string; readOnly?: boolean } = {},
): Promise<string> {
  await page.goto("/settings/api-tokens");
  await page.getByLabel("Token name").fill(name);
  if (options.days) await page.getByLabel("Expires in (days)").fill(options.days);
  if (options.readOnly) await page.getByLabel("Read-only").check();
  await page.getByRole("button", { name: "Create token" }).click();
  return page.getByLabel("New API token").inputValue();
}

test("a token expires: the list shows when and when it was last used; once past, the API answers 401 'The API token has expired'", async ({
  page,
  request,
}) => {
  await signIn(page);
  const name = `Expiring ${Date.now()}`;
  await page.goto("/settings/api-tokens");
  await expect(page.getByLabel("Expires in (days)")).toHaveValue("90");
  const token = await createToken(page, name, { days: "1" });
  const headers = { authorization: `Bearer ${token}` };
  expect((await request.get("/api/v6/identity-providers", { headers })).status()).toBe(200);

  await page.reload();
  const row = page.getByRole("row").filter({ hasText: name });
  const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);
  // Expires tomorrow (shown in the reader's locale and zone; the machine-readable moment is UTC).
  await expect(row.locator(`time[datetime^="${tomorrow}"]`)).toHaveCount(1);
  await expect(row).not.toContainText("never"); // Last used: just now
  await expect(row).toContainText("active");

  // A day passes (moved in the database, as the clock would).
  const handle = await openE2eDb();
  try {
    await handle.db
      .update(apiTokens)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(apiTokens.name, name));
  } finally {
    await handle.close();
  }
  const refused = await request.get("/api/v6/identity-providers", { headers });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error).toMatchObject({ code: "unauthorized", message: "The API token has expired" });
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("expired");
});

test("a read-only token reads but changes nothing: GET 200, every state-changing method 403 naming the token", async ({
  page,
  request,
}) => {
  await signIn(page); // the administrator: every permission, so only the token's read-only flag can refuse
  const name = `Reader ${Date.now()}`;
  const token = await createToken(page, name, { readOnly: true });
  const headers = { authorization: `Bearer ${token}` };
  expect((await request.get("/api/v6/identity-providers", { headers })).status()).toBe(200);
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("read-only");

  const id = crypto.randomUUID();
  const writes = [
    { method: "POST", url: "/api/v6/identity-providers", data: { name: `Via reader ${Date.now()}` } },
    { method: "POST", url: "/api/v6/envelope/send", data: {} },
    { method: "PUT", url: `/api/v6/identity-providers/${id}`, data: {} },
    { method: "PATCH", url: `/api/v6/identity-providers/${id}`, data: {} },
    { method: "DELETE", url: `/api/v6/identity-providers/${id}` },
  ];
  for (const w of writes) {
    const answer = await request.fetch(w.url, { method: w.method, headers, data: w.data });
    expect(answer.status(), `${w.method} ${w.url}`).toBe(403);
    expect((await answer.json()).error).toEqual({
      code: "forbidden",
      message: `The API token '${name}' is read-only: ${w.method} needs a token that may write`,
    });
  }
});
