// Issue 16: the navigation shows only what the person's permissions open. Each person's menus are
// crawled: no link answers the permission refusal or leads to something that does not exist.
import { expect, test, type Page } from "@playwright/test";
import type { PermissionValue } from "../../db/schema";
import { seedUser } from "../../db/test/seed";
import { withDb } from "../fixtures/database";
import { signIn } from "../fixtures/session";

const REFUSAL = "You do not have permission to view this page";

const personWith = (permissions: Record<string, PermissionValue>) =>
  withDb(async (db) => {
    const { email, password } = await seedUser(db, { permissions: { password_logon: "ALLOW", ...permissions } });
    return { email, password: password! };
  });

const linksOf = async (page: Page, menu: "Main" | "Settings") =>
  page
    .getByRole("navigation", { name: menu })
    .getByRole("link")
    .evaluateAll((links) => links.map((a) => [a.textContent!.trim(), new URL((a as HTMLAnchorElement).href).pathname]));

/** The main menu's and the Settings sidebar's labels; then every link opened, none refused or missing. */
async function crawlMenus(page: Page): Promise<{ main: string[]; settings: string[] }> {
  await page.goto("/");
  const main = await linksOf(page, "Main");
  await page.goto("/settings");
  const settings = await linksOf(page, "Settings");
  for (const [label, href] of [...main, ...settings]) {
    const res = await page.goto(href!);
    const where = `${label} → ${href}`;
    expect(res?.status(), where).toBe(200);
    await expect(page.getByRole("navigation", { name: "Main" }), where).toBeVisible();
    await expect(page.getByRole("heading", { name: REFUSAL }), where).toHaveCount(0);
    await expect(page.getByText(/not part of this product yet/), where).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Page not found" }), where).toHaveCount(0);
  }
  return { main: main.map(([l]) => l!), settings: settings.map(([l]) => l!) };
}

test("a plain user (only password logon) sees Home, Settings and their Account, and nothing they cannot open", async ({
  page,
}) => {
  await signIn(page, await personWith({}));
  const menus = await crawlMenus(page);
  expect(menus.main).toEqual(["HOME", "SETTINGS"]);
  expect(menus.settings).toEqual(["Account"]);
});

test("a user who may view users sees Users in Settings, and the page opens", async ({ page }) => {
  await signIn(page, await personWith({ view_users: "ALLOW" }));
  const menus = await crawlMenus(page);
  expect(menus.settings).toEqual(["Account", "Users"]);
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { name: "Users", exact: true })).toBeVisible();
});

test("an administrator sees every entry, and none leads to a refusal or to nothing", async ({ page }) => {
  await signIn(page);
  const menus = await crawlMenus(page);
  expect(menus.main).toEqual(["NEW DOCUMENT", "HOME", "DOCUMENTS", "SETTINGS"]);
  expect(menus.settings).toEqual([
    "Account",
    "Identity Providers",
    "Users",
    "Roles and Permissions",
    "Api Tokens and Apps",
    "Notification Templates",
    "Agreements Configuration",
    "Outbox",
    "Envelope History / Audit",
  ]);
  expect(menus.main).not.toContain("TEMPLATES");
});
