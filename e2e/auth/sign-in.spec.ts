import { expect, test } from "@playwright/test";

const admin = () => ({ email: process.env.E2E_ADMIN_EMAIL!, password: process.env.E2E_ADMIN_PASSWORD! });

test("an anonymous visitor is sent to the login page", async ({ page }) => {
  await page.goto("/settings/identity-providers");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("the administrator signs in, sees the shell and the Settings sidebar, and signs out", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(admin().email);
  await page.getByLabel("Password").fill(admin().password);
  await page.getByRole("button", { name: "Sign in" }).click();

  const main = page.getByRole("navigation", { name: "Main" });
  for (const label of ["NEW DOCUMENT", "HOME", "DOCUMENTS", "SETTINGS"]) {
    await expect(main.getByRole("link", { name: label, exact: true })).toBeVisible();
  }
  // Issue 16: no entry for what does not exist (envelope templates are not part of the product).
  await expect(main.getByRole("link", { name: "TEMPLATES", exact: true })).toHaveCount(0);
  await main.getByRole("link", { name: "SETTINGS" }).click();
  const sidebar = page.getByRole("navigation", { name: "Settings" });
  const sections = [
    "Account",
    "Identity Providers",
    "Users",
    "Roles and Permissions",
    "Api Tokens and Apps",
    "Notification Templates",
    "Envelope History / Audit",
  ];
  for (const label of sections) await expect(sidebar.getByRole("link", { name: label })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Account", exact: true })).toBeVisible();
  await expect(page.getByText(admin().email)).toBeVisible();

  await sidebar.getByRole("link", { name: "Identity Providers" }).click();
  await expect(page.getByRole("heading", { name: "Identity Providers", exact: true })).toBeVisible();

  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name.includes("session-token"));
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("status")).toHaveText("You have been signed out.");
  await page.goto("/settings/account");
  await expect(page).toHaveURL(/\/login/);
});

test("a wrong password gets the generic answer and no session", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(admin().email.replace("admin", "nobody"));
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Invalid email or password.")).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("a replayed session cookie is dead after sign-out (the session ends server-side)", async ({ page, browser }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(admin().email);
  await page.getByLabel("Password").fill(admin().password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  const stolen = await page.context().cookies();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("status")).toBeVisible();

  const other = await browser.newContext();
  await other.addCookies(stolen);
  const response = await other.request.get("/api/v6/session");
  expect(response.status()).toBe(401);
  await other.close();
});

test("the admin API answers 401 JSON to an anonymous caller", async ({ request }) => {
  const response = await request.get("/api/v6/session");
  expect(response.status()).toBe(401);
  expect(await response.json()).toEqual({ error: { code: "unauthorized", message: "Sign in first" } });
});
