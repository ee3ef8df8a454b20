// Issue 13 item 1: nobody grants a permission they do not hold. Each path a low-privilege caller
// could use to raise themselves (or anyone) is tried through REST as an attacker would; the user
// and role editors call the same REST routes (components/users/queries.ts,
// components/roles/queries.ts), so these also cover the UI, which one browser test shows.
import { and, eq, sql } from "drizzle-orm";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { auditEvents, roles, userRoles, users, type PermissionValue } from "../../db/schema";
import { loadUserPermissions } from "../../lib/users/permissions";
import { PERMISSIONS } from "../../lib/users/permission-catalogue";
import { tokenFor, userWithToken } from "../fixtures/api-tokens";
import { withDb } from "../fixtures/database";
import { adminCredentials, signIn } from "../fixtures/session";

// The last-administrator tests rely on the first administrator being the only one: run in order.
test.describe.configure({ mode: "serial" });

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

type RoleJson = { id: string; name: string; permissions: Record<string, PermissionValue> };

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function listRoles(request: APIRequestContext, token: string): Promise<RoleJson[]> {
  const res = await request.get("/api/v6/roles", { headers: bearer(token) });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { items: RoleJson[] }).items;
}

const administratorRole = async (request: APIRequestContext, token: string) =>
  (await listRoles(request, token)).find((r) => r.name === "Administrator")!;

const permissionsOf = (userId: string) => withDb((db) => loadUserPermissions(db, userId));
const rolesOf = (userId: string) =>
  withDb(async (db) =>
    (await db.select({ id: userRoles.roleId }).from(userRoles).where(eq(userRoles.userId, userId)))
      .map((r) => r.id)
      .sort(),
  );

const refusalsBy = (userId: string) =>
  withDb((db) =>
    db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "PrivilegeEscalationRefused"), eq(auditEvents.actorUserId, userId)))
      .orderBy(auditEvents.seq),
  );

/** A 403 whose message names the missing permission by its label; the refusal is in the audit trail. */
async function expectRefused(
  res: APIResponse,
  callerId: string,
  message: RegExp,
  permission: keyof typeof PERMISSIONS,
): Promise<void> {
  const body = await res.text();
  expect(res.status(), body).toBe(403);
  const { error } = JSON.parse(body) as { error: { code: string; message: string } };
  expect(error.code).toBe("forbidden");
  expect(error.message).toMatch(message);
  expect(error.message).toContain(PERMISSIONS[permission]);
  const [last] = (await refusalsBy(callerId)).slice(-1);
  expect(last, "the refusal is audited").toBeDefined();
  expect(last!.description).toContain(PERMISSIONS[permission]);
  expect((last!.data as { permissions: string[] }).permissions).toContain(permission);
}

const userBody = (u: { email: string; firstName?: string | null; username?: string | null }, roleIds: string[]) => ({
  email: u.email,
  firstName: u.firstName ?? "",
  username: u.username ?? null,
  roleIds,
});

test("a user manager cannot give the Administrator role to themselves or anyone (PUT), nor take it away; a role they could give is fine", async ({
  request,
}) => {
  const manager = await userWithToken({ manage_users: "ALLOW", use_api: "ALLOW" });
  const plain = await userWithToken({});
  const admin = await administratorRole(request, manager.token);
  const permsBefore = await permissionsOf(manager.user.id);

  const self = await request.put(`/api/v6/users/${manager.user.id}`, {
    headers: bearer(manager.token),
    data: userBody(manager.user, [manager.role.id, admin.id]),
  });
  await expectRefused(
    self,
    manager.user.id,
    /You cannot give the role "Administrator": you do not hold/,
    "configure_identity_providers",
  );
  expect(await permissionsOf(manager.user.id)).toEqual(permsBefore);
  expect(await rolesOf(manager.user.id)).toEqual([manager.role.id]);

  const other = await request.put(`/api/v6/users/${plain.user.id}`, {
    headers: bearer(manager.token),
    data: userBody(plain.user, [plain.role.id, admin.id]),
  });
  await expectRefused(
    other,
    manager.user.id,
    /You cannot give the role "Administrator"/,
    "configure_identity_providers",
  );
  expect(await rolesOf(plain.user.id)).toEqual([plain.role.id]);

  // Giving and taking the manager's own role (it allows only what the manager holds) is fine.
  const given = await request.put(`/api/v6/users/${plain.user.id}`, {
    headers: bearer(manager.token),
    data: userBody(plain.user, [plain.role.id, manager.role.id]),
  });
  expect(given.status(), await given.text()).toBe(200);
  const taken = await request.put(`/api/v6/users/${plain.user.id}`, {
    headers: bearer(manager.token),
    data: userBody(plain.user, [plain.role.id]),
  });
  expect(taken.status(), await taken.text()).toBe(200);

  // A role allowing what the manager lacks, already held by someone: the manager cannot take it away.
  const auditor = await userWithToken({ view_audit: "ALLOW" });
  const strip = await request.put(`/api/v6/users/${auditor.user.id}`, {
    headers: bearer(manager.token),
    data: userBody(auditor.user, []),
  });
  await expectRefused(strip, manager.user.id, /You cannot change the user|You cannot take the role/, "view_audit");
  expect(await rolesOf(auditor.user.id)).toEqual([auditor.role.id]);
});

test("a user manager cannot create a user with the Administrator role (POST)", async ({ request }) => {
  const manager = await userWithToken({ manage_users: "ALLOW", use_api: "ALLOW" });
  const admin = await administratorRole(request, manager.token);
  const email = `created-admin.${unique()}@example.test`;
  const res = await request.post("/api/v6/users", {
    headers: bearer(manager.token),
    data: { email, roleIds: [admin.id], password: "a-long-initial-password" },
  });
  await expectRefused(res, manager.user.id, /You cannot give the role "Administrator"/, "configure_identity_providers");
  expect(
    await withDb((db) =>
      db
        .select()
        .from(users)
        .where(sql`lower(${users.email}) = lower(${email})`),
    ),
  ).toEqual([]);

  const fine = await request.post("/api/v6/users", {
    headers: bearer(manager.token),
    data: { email, roleIds: [manager.role.id] },
  });
  expect(fine.status(), await fine.text()).toBe(201);
});

test("a user manager cannot change or disable an administrator (PUT, PATCH): they hold more than the manager", async ({
  request,
}) => {
  const manager = await userWithToken({ manage_users: "ALLOW", use_api: "ALLOW" });
  const [root] = await withDb((db) =>
    db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = lower(${adminCredentials().email})`),
  );
  const admin = await administratorRole(request, manager.token);
  try {
    // Taking over the administrator's address would let their sign-in links reach the manager.
    const takeover = await request.put(`/api/v6/users/${root!.id}`, {
      headers: bearer(manager.token),
      data: userBody({ ...root!, email: `taken.${unique()}@example.test` }, [admin.id]),
    });
    await expectRefused(takeover, manager.user.id, /You cannot change the user/, "configure_identity_providers");
    const disable = await request.patch(`/api/v6/users/${root!.id}`, {
      headers: bearer(manager.token),
      data: { enabled: false },
    });
    await expectRefused(disable, manager.user.id, /You cannot change the user/, "configure_identity_providers");
    const [after] = await withDb((db) => db.select().from(users).where(eq(users.id, root!.id)));
    expect(after).toMatchObject({ email: root!.email, enabled: true });
  } finally {
    // On a build without the rule the refused writes went through: undo them for the tests after.
    await withDb((db) => db.update(users).set({ email: root!.email, enabled: true }).where(eq(users.id, root!.id)));
  }
});

test("a user manager cannot add an OAuth assignment to an administrator or end their sessions: they hold more than the manager", async ({
  request,
}) => {
  const manager = await userWithToken({ manage_users: "ALLOW", view_users: "ALLOW", use_api: "ALLOW" });
  const [root] = await withDb((db) =>
    db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = lower(${adminCredentials().email})`),
  );
  const invite = await request.post(`/api/v6/users/${root!.id}/oauth-assignments`, {
    headers: bearer(manager.token),
    data: { providerId: crypto.randomUUID() },
  });
  await expectRefused(invite, manager.user.id, /You cannot act on this user's account/, "configure_identity_providers");
  const end = await request.delete(`/api/v6/users/${root!.id}/sessions/${crypto.randomUUID()}`, {
    headers: bearer(manager.token),
  });
  await expectRefused(end, manager.user.id, /You cannot act on this user's account/, "configure_identity_providers");
  // Reading stays open to a user manager; their own peers (who hold no more) stay manageable.
  expect(
    (await request.get(`/api/v6/users/${root!.id}/oauth-assignments`, { headers: bearer(manager.token) })).status(),
  ).toBe(200);
  const peer = await userWithToken({ manage_users: "ALLOW" });
  const peerInvite = await request.post(`/api/v6/users/${peer.user.id}/oauth-assignments`, {
    headers: bearer(manager.token),
    data: { providerId: crypto.randomUUID() },
  });
  expect(peerInvite.status(), await peerInvite.text()).not.toBe(403);
});

test("a role manager cannot create or edit a role with a permission they do not hold; BLOCK and FORBID are fine", async ({
  request,
}) => {
  const manager = await userWithToken({ manage_roles: "ALLOW", use_api: "ALLOW" });
  const colleague = await withDb(async (db) => {
    const [u] = await db
      .insert(users)
      .values({ email: `colleague.${unique()}@example.test` })
      .returning();
    await db.insert(userRoles).values({ userId: u!.id, roleId: manager.role.id });
    return u!;
  });
  const name = `Escalator ${unique()}`;
  const create = await request.post("/api/v6/roles", {
    headers: bearer(manager.token),
    data: { name, permissions: { manage_roles: "ALLOW", configure_identity_providers: "ALLOW" } },
  });
  await expectRefused(create, manager.user.id, /You cannot create a role that allows/, "configure_identity_providers");
  expect(await withDb((db) => db.select().from(roles).where(eq(roles.name, name)))).toEqual([]);

  const blocking = await request.post("/api/v6/roles", {
    headers: bearer(manager.token),
    data: { name, permissions: { manage_roles: "ALLOW", configure_identity_providers: "BLOCK" } },
  });
  expect(blocking.status(), await blocking.text()).toBe(201);

  // The manager's own role, also held by a colleague: allowing more in it raises them both.
  const own = { name: manager.role.name, permissions: { ...manager.role.permissions, manage_users: "ALLOW" } };
  const edit = await request.put(`/api/v6/roles/${manager.role.id}`, { headers: bearer(manager.token), data: own });
  await expectRefused(
    edit,
    manager.user.id,
    /You cannot change "User can create, edit and delete users" in the role/,
    "manage_users",
  );
  expect((await permissionsOf(manager.user.id)).manage_users).toBe("FORBID");
  expect((await permissionsOf(colleague.id)).manage_users).toBe("FORBID");

  const blocked = await request.put(`/api/v6/roles/${manager.role.id}`, {
    headers: bearer(manager.token),
    data: { name: manager.role.name, permissions: { ...manager.role.permissions, send_envelopes: "BLOCK" } },
  });
  expect(blocked.status(), await blocked.text()).toBe(200);

  // Taking a permission the manager lacks out of the Administrator role would demote administrators.
  const admin = await administratorRole(request, manager.token);
  const demote = await request.put(`/api/v6/roles/${admin.id}`, {
    headers: bearer(manager.token),
    data: { name: admin.name, permissions: { ...admin.permissions, configure_identity_providers: "FORBID" } },
  });
  try {
    await expectRefused(
      demote,
      manager.user.id,
      /You cannot change "User can configure identity providers" in the role "Administrator"/,
      "configure_identity_providers",
    );
  } finally {
    await withDb((db) => db.update(roles).set({ permissions: admin.permissions }).where(eq(roles.id, admin.id)));
  }
});

test("the last administrator cannot demote themselves, by their roles or by the Administrator role", async ({
  request,
}) => {
  const [root] = await withDb((db) =>
    db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = lower(${adminCredentials().email})`),
  );
  const token = await tokenFor(root!.email);
  const admin = await administratorRole(request, token);
  // Other engineers' users holding "manage roles" exist (the test above made some): the guard must be about holding everything.
  try {
    const own = await request.put(`/api/v6/users/${root!.id}`, { headers: bearer(token), data: userBody(root!, []) });
    expect(own.status(), await own.text()).toBe(409);
    expect((await own.json()).error.message).toMatch(/no enabled administrator/);
    const role = await request.put(`/api/v6/roles/${admin.id}`, {
      headers: bearer(token),
      data: { name: admin.name, permissions: { ...admin.permissions, configure_identity_providers: "FORBID" } },
    });
    expect(role.status(), await role.text()).toBe(409);
    expect((await role.json()).error.message).toMatch(/no enabled administrator/);
    expect(Object.values(await permissionsOf(root!.id)).every((v) => v === "ALLOW")).toBe(true);
  } finally {
    await withDb(async (db) => {
      await db.update(roles).set({ permissions: admin.permissions }).where(eq(roles.id, admin.id));
      await db.insert(userRoles).values({ userId: root!.id, roleId: admin.id }).onConflictDoNothing();
    });
  }
});

test("in the user editor, a user manager ticking Administrator for themselves sees the refusal, and nothing is saved", async ({
  page,
}) => {
  // The editor is a client page: on a loaded machine its first load alone can take a while.
  test.setTimeout(120_000);
  const manager = await userWithToken({ manage_users: "ALLOW", use_api: "ALLOW" });
  await signIn(page, { email: manager.email, password: manager.password! });
  await page.goto(`/settings/users/${manager.user.id}`);
  await page.getByRole("checkbox", { name: "Administrator", exact: true }).check();
  await page.getByRole("button", { name: "SAVE" }).click();
  // Shown under the roles (the detail's path is $.roleIds[i]) and in the form's error summary.
  await expect(page.getByText(/You cannot give the role "Administrator": you do not hold/).first()).toBeVisible();
  expect(await rolesOf(manager.user.id)).toEqual([manager.role.id]);
});
