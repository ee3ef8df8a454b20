import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { expect, test, type Page } from "@playwright/test";
import { auditEvents, roles, users } from "../../db/schema";
import { seedUser } from "../../db/test/seed";
import { userWithToken } from "../fixtures/api-tokens";
import { withDb } from "../fixtures/database";
import { signIn } from "../fixtures/session";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const auditOf = (userId: string) =>
  withDb(async (db) =>
    (await db.select().from(auditEvents).where(eq(auditEvents.stream, "org")).orderBy(auditEvents.seq)).filter(
      (e) => (e.data as { userId?: string }).userId === userId,
    ),
  );

const forbidden = (page: Page) =>
  expect(page.getByRole("heading", { name: "You do not have permission to view this page" })).toBeVisible();

test("an administrator adds a user, edits their roles, previews permissions, and disabling them ends their session", async ({
  page,
  browser,
}) => {
  // A long walk through five screens and a second browser: it took 54 s of the default 60 in a full run.
  test.setTimeout(120_000);
  const tag = unique();
  const [senders, auditors] = await withDb((db) =>
    db
      .insert(roles)
      .values([
        { name: `Senders ${tag}`, permissions: { password_logon: "ALLOW", send_envelopes: "ALLOW" } },
        { name: `Auditors ${tag}`, permissions: { view_audit: "ALLOW", use_api: "BLOCK" } },
      ])
      .returning(),
  );
  // Many roles in the organisation (a full run leaves hundreds): the preview's CLOSE stays reachable.
  await withDb((db) =>
    db.insert(roles).values(Array.from({ length: 120 }, (_, i) => ({ name: `Filler ${tag} ${i}`, permissions: {} }))),
  );
  const email = `eve.${tag}@example.test`;
  const password = `initial-${tag}-password`;

  await signIn(page);
  await page.goto("/settings/users");
  await page.getByRole("link", { name: "ADD NEW USER" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("First name").fill("<b>Eve</b>");
  await page.getByLabel("Last name").fill("Example");
  await page.getByLabel("Initial password").fill(password);
  await page.getByRole("checkbox", { name: senders!.name }).check();
  await page.getByRole("button", { name: "SAVE" }).click();
  await expect(page.getByText("User created")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: email })).toBeVisible();
  const userId = page.url().match(/\/settings\/users\/([0-9a-f-]{36})/)![1]!;
  await expect(page.getByRole("region", { name: "User authentication OAuth assignments" })).toBeVisible();

  // Markup in a name is text, in the form and in the list.
  await page.goto("/settings/users");
  await page.getByRole("searchbox", { name: "Search users" }).fill(`eve.${tag}`);
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("<b>Eve</b>");
  await expect(page.locator("table b")).toHaveCount(0);
  await expect(page.getByRole("row")).toHaveCount(2);

  // Edit: swap the roles; PREVIEW PERMISSIONS shows the effective values of the chosen roles.
  await row.getByRole("link", { name: `Edit ${email}` }).click();
  await page.getByRole("checkbox", { name: auditors!.name }).check();
  await page.getByRole("button", { name: "PREVIEW PERMISSIONS" }).click();
  const preview = page.getByRole("dialog", { name: "Preview Permissions" });
  await expect(preview.getByRole("row", { name: /User can use the API/ })).toContainText(
    `BLOCK from ${auditors!.name}`,
  );
  await expect(preview.getByRole("row", { name: /User can use a password to logon/ })).toContainText(
    `ALLOW from ${senders!.name}`,
  );
  await preview.getByRole("radio", { name: "FORBID" }).check();
  await expect(preview.getByRole("row", { name: /User can use the API/ })).toHaveCount(0);
  await expect(preview.getByRole("row", { name: /User can view the organization's audit trail/ })).toHaveCount(0);
  await preview.getByRole("button", { name: "CLOSE" }).click();
  await page.getByLabel("Interface Language").selectOption("de");
  await page.getByRole("button", { name: "SAVE" }).click();
  await expect(page.getByText("Saved", { exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("checkbox", { name: auditors!.name })).toBeChecked();
  await expect(page.getByLabel("Interface Language")).toHaveValue("de");

  // The user signs in elsewhere; the administrator disables them from the list.
  const theirs = await browser.newContext();
  const theirPage = await theirs.newPage();
  await signIn(theirPage, { email, password });
  await page.goto("/settings/users");
  await page.getByRole("searchbox", { name: "Search users" }).fill(email);
  await page.getByRole("switch", { name: `Enabled ${email}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disable" }).click();
  await expect(page.getByText(`${email} is disabled; their sessions have ended.`)).toBeVisible();
  await expect(page.getByRole("switch", { name: `Enabled ${email}` })).toHaveAttribute("aria-checked", "false");
  await theirPage.goto("/settings/account");
  await expect(theirPage).toHaveURL(/\/login/);
  await theirs.close();

  const events = (await auditOf(userId)).filter((e) => e.action !== "LoginSucceeded");
  expect(events.map((e) => e.action)).toEqual([
    "UserCreated",
    "UserChanged",
    "UserChanged",
    "UserChanged",
    "SessionRevoked",
  ]);
  expect(events[2]!.data).toMatchObject({ changes: [{ field: "language", from: "en", to: "de" }, { field: "roles" }] });
  expect(events[4]!.data).toMatchObject({ userId, reason: "User disabled", count: 1 });
  expect(JSON.stringify(events)).not.toContain(password);
});

test("without manage_users: 403 from the API (also for guessed ids), Forbidden pages, and a read-only view for view_users", async ({
  page,
  request,
}) => {
  const viewer = await userWithToken({ view_users: "ALLOW", use_api: "ALLOW" });
  const nobody = await userWithToken({ use_api: "ALLOW" });
  const someone = await withDb(async (db) => (await db.select().from(users).limit(1))[0]!);
  const asViewer = { authorization: `Bearer ${viewer.token}` };
  const asNobody = { authorization: `Bearer ${nobody.token}` };

  const list = await request.get(`/api/v6/users?search=${encodeURIComponent(viewer.email)}`, { headers: asViewer });
  expect(list.status()).toBe(200);
  const body = await list.json();
  expect(body.items[0]).toMatchObject({ email: viewer.email, passwordSet: true });
  expect(JSON.stringify(body)).not.toMatch(/passwordHash|argon2/);
  expect(
    (
      await request.post("/api/v6/users", { headers: asViewer, data: { email: `x.${unique()}@example.test` } })
    ).status(),
  ).toBe(403);
  for (const id of [someone.id, randomUUID(), "not-a-uuid"]) {
    expect(
      (await request.put(`/api/v6/users/${id}`, { headers: asViewer, data: { email: "y@example.test" } })).status(),
    ).toBe(403);
    expect((await request.patch(`/api/v6/users/${id}`, { headers: asViewer, data: { enabled: false } })).status()).toBe(
      403,
    );
    expect((await request.get(`/api/v6/users/${id}`, { headers: asNobody })).status()).toBe(403);
    expect((await request.put(`/api/v6/roles/${id}`, { headers: asViewer, data: { name: "x" } })).status()).toBe(403);
  }
  expect((await request.get("/api/v6/users", { headers: asNobody })).status()).toBe(403);
  expect((await request.get("/api/v6/roles", { headers: asNobody })).status()).toBe(403);
  expect((await request.post("/api/v6/roles", { headers: asViewer, data: { name: "Mine" } })).status()).toBe(403);
  expect((await request.get("/api/v6/users")).status()).toBe(401);

  const plain = await withDb((db) => seedUser(db, { permissions: { password_logon: "ALLOW" } }));
  await signIn(page, { email: plain.email, password: plain.password! });
  for (const path of [
    "/settings/users",
    "/settings/users/new",
    `/settings/users/${someone.id}`,
    `/settings/users/${randomUUID()}`,
    "/settings/roles",
    "/settings/roles/new",
  ]) {
    await page.goto(path);
    await forbidden(page);
  }
  await expect(page.locator("body")).not.toContainText(someone.email);

  const reader = await withDb((db) => seedUser(db, { permissions: { password_logon: "ALLOW", view_users: "ALLOW" } }));
  await page.context().clearCookies();
  await signIn(page, { email: reader.email, password: reader.password! });
  await page.goto("/settings/users");
  await expect(page.getByRole("link", { name: "ADD NEW USER" })).toHaveCount(0);
  await page.goto(`/settings/users/${someone.id}`);
  await expect(page.getByText("You can view this user.")).toBeVisible();
  await expect(page.getByLabel("Email")).toBeDisabled();
  await expect(page.getByRole("button", { name: "SAVE" })).toHaveCount(0);
  await page.goto("/settings/users/new");
  await forbidden(page);
});

test("a role's permission grid change persists and is audited with the changed permissions", async ({ page }) => {
  const name = `Clerks ${unique()}`;
  await signIn(page);
  await page.goto("/settings/roles");
  await page.getByRole("link", { name: "ADD ROLE" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByRole("radiogroup", { name: "User can use the API" }).getByRole("radio", { name: "BLOCK" }).check();
  await page
    .getByRole("radiogroup", { name: "User can view user list of their organization" })
    .getByRole("radio", { name: "ALLOW" })
    .check();
  await page.getByRole("button", { name: "SAVE" }).click();
  await expect(page.getByText("Role created")).toBeVisible();
  const roleId = page.url().match(/\/settings\/roles\/([0-9a-f-]{36})/)![1]!;

  await page.reload();
  const api = page.getByRole("radiogroup", { name: "User can use the API" });
  await expect(api.getByRole("radio", { name: "BLOCK" })).toBeChecked();
  await expect(
    page
      .getByRole("radiogroup", { name: "User can view user list of their organization" })
      .getByRole("radio", { name: "ALLOW" }),
  ).toBeChecked();
  await api.getByRole("radio", { name: "ALLOW" }).check();
  await page
    .getByRole("group", { name: "Set every Audit permission" })
    .getByRole("button", { name: "All ALLOW" })
    .click();
  await page.getByRole("button", { name: "SAVE" }).click();
  await expect(page.getByText("Saved", { exact: true })).toBeVisible();
  await page.reload();
  await expect(
    page.getByRole("radiogroup", { name: "User can use the API" }).getByRole("radio", { name: "ALLOW" }),
  ).toBeChecked();
  await expect(
    page
      .getByRole("radiogroup", { name: "User can view the organization's audit trail" })
      .getByRole("radio", { name: "ALLOW" }),
  ).toBeChecked();

  const events = await withDb(async (db) =>
    (await db.select().from(auditEvents).where(eq(auditEvents.action, "RoleChanged")).orderBy(auditEvents.seq)).filter(
      (e) => (e.data as { roleId: string }).roleId === roleId,
    ),
  );
  expect(events).toHaveLength(2);
  expect(events[1]!.data).toEqual({
    roleId,
    name,
    changes: [
      { field: "permissions.use_api", from: "BLOCK", to: "ALLOW" },
      { field: "permissions.view_audit", from: "FORBID", to: "ALLOW" },
    ],
  });
  expect(events[1]!.description).toContain("permissions.use_api: 'BLOCK' → 'ALLOW'");

  // A duplicate name, whatever its case, is refused on the field.
  await page.goto("/settings/roles/new");
  await page.getByLabel("Name").fill(name.toUpperCase());
  await page.getByRole("button", { name: "SAVE" }).click();
  await expect(page.getByText("A role with this name already exists").first()).toBeVisible();
});
