import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { auditEvents, roles, userRoles, users } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { createFirstAdmin } from "./create-first-admin";
import { createRole } from "./create-role";
import { createUser } from "./create-user";
import { deleteRole } from "./delete-role";
import { PERMISSION_KEYS } from "./permission-catalogue";
import { loadUserPermissions } from "./permissions";
import { getRole, listRoles } from "./role-json";
import { setUserEnabled } from "./set-user-enabled";
import { adminCtx, openFreshDb, type Backend } from "./test-support";
import { updateRole } from "./update-role";
import { updateUser } from "./update-user";

const roleEvents = async (db: DbHandle["db"], roleId: string) =>
  (await db.select().from(auditEvents).where(eq(auditEvents.action, "RoleChanged")).orderBy(auditEvents.seq)).filter(
    (e) => (e.data as { roleId: string }).roleId === roleId,
  );

describe.each<{ backend: Backend }>([{ backend: "PostgreSQL" }, { backend: "PGlite" }])(
  "roles and the last administrator on $backend",
  ({ backend }) => {
    let handle: DbHandle;
    let admin: { id: string; email: string };
    let adminRoleId: string;
    beforeAll(async () => {
      handle = await openFreshDb(backend);
      const first = await createFirstAdmin(handle.db, {
        email: "root@example.test",
        password: "a-long-admin-password",
      });
      expect(first.created).toBe(true);
      const [row] = await handle.db.select().from(users).where(eq(users.email, "root@example.test"));
      admin = { id: row!.id, email: row!.email };
      adminRoleId = (await handle.db.select().from(roles).where(eq(roles.name, "Administrator")))[0]!.id;
    });
    afterAll(async () => {
      await handle?.close();
    });
    const ctx = () => adminCtx(handle.db, { userId: admin.id, email: admin.email });

    it("creates a role naming every permission, audits it, and refuses a duplicate name in any case", async () => {
      const role = await createRole(ctx(), {
        name: "Senders",
        description: "Send envelopes",
        permissions: { send_envelopes: "ALLOW", use_api: "BLOCK" },
      });
      expect(Object.keys(role.permissions).sort()).toEqual([...PERMISSION_KEYS].sort());
      expect(role.permissions).toMatchObject({ send_envelopes: "ALLOW", use_api: "BLOCK", manage_users: "FORBID" });
      const [created] = await roleEvents(handle.db, role.id);
      expect(created!.data).toMatchObject({
        name: "Senders",
        changes: [
          { field: "role", from: null, to: "created" },
          { field: "description", from: null, to: "Send envelopes" },
          { field: "permissions.use_api", from: "FORBID", to: "BLOCK" },
          { field: "permissions.send_envelopes", from: "FORBID", to: "ALLOW" },
        ],
      });
      await expect(createRole(ctx(), { name: "SENDERS" })).rejects.toMatchObject({
        code: "conflict",
        details: [{ path: "$.name", message: "A role with this name already exists" }],
      });
      await expect(
        createRole(ctx(), { name: "x", permissions: { not_a_permission: "ALLOW" } as never }),
      ).rejects.toThrow(/Unrecognized key/);
    });

    it("renames and changes permissions; RoleChanged carries exactly the changed permissions", async () => {
      const role = await createRole(ctx(), { name: "Clerks", permissions: { view_users: "ALLOW" } });
      const updated = await updateRole(ctx(), role.id, {
        name: "Office clerks",
        permissions: { view_users: "ALLOW", view_audit: "ALLOW", use_api: "BLOCK" },
      });
      expect(updated).toMatchObject({ name: "Office clerks", permissions: { view_audit: "ALLOW", use_api: "BLOCK" } });
      const last = (await roleEvents(handle.db, role.id)).at(-1)!;
      expect(last.data).toEqual({
        roleId: role.id,
        name: "Office clerks",
        changes: [
          { field: "name", from: "Clerks", to: "Office clerks" },
          { field: "permissions.use_api", from: "FORBID", to: "BLOCK" },
          { field: "permissions.view_audit", from: "FORBID", to: "ALLOW" },
        ],
      });
      expect((await listRoles(ctx())).map((r) => r.name)).toContain("Office clerks");
      await expect(getRole(ctx(), "not-a-uuid")).rejects.toMatchObject({ code: "not_found" });
    });

    it("deleting a role removes its assignments and is audited", async () => {
      const role = await createRole(ctx(), { name: "Temporary", permissions: { view_audit: "ALLOW" } });
      const user = await createUser(ctx(), { email: "temp@example.test", roleIds: [role.id] });
      await deleteRole(ctx(), role.id);
      expect(await handle.db.select().from(userRoles).where(eq(userRoles.userId, user.id))).toHaveLength(0);
      expect((await loadUserPermissions(handle.db, user.id)).view_audit).toBe("FORBID");
      expect((await roleEvents(handle.db, role.id)).at(-1)!.data).toMatchObject({
        name: "Temporary",
        changes: [
          { field: "role", from: "existing", to: "deleted" },
          { field: "assignedUsers", from: "1", to: "0" },
        ],
      });
    });

    it("keeps the instance administrable: the last administrator's role, manage_roles and account are protected", async () => {
      // Only the system (seed, CLI) holds everything without being a user: any user who could act on
      // the last administrator is an administrator too (privilege-checks.ts), so this guard is its last line.
      const other: Ctx = { ...adminCtx(handle.db), actor: { kind: "system" } };
      const refused = { code: "conflict" };
      // Deleting the Administrator role, the only one giving manage_roles to someone.
      const err = await deleteRole(ctx(), adminRoleId).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).message).toMatch(
        /^Deleting the role "Administrator" would leave no enabled administrator \(a user who holds every permission\)/,
      );
      // Turning manage_roles off in it, or BLOCKing it through another role of the administrator.
      const adminRole = await getRole(ctx(), adminRoleId);
      await expect(
        updateRole(ctx(), adminRoleId, {
          name: "Administrator",
          permissions: { ...adminRole.permissions, manage_roles: "FORBID" },
        }),
      ).rejects.toMatchObject({
        ...refused,
        details: [{ path: "$.permissions.manage_roles" }],
      });
      const blocker = await createRole(ctx(), { name: "No role admin", permissions: { manage_roles: "BLOCK" } });
      await expect(
        updateUser(ctx(), admin.id, {
          email: admin.email,
          firstName: "Admin",
          username: "admin",
          roleIds: [adminRoleId, blocker.id],
        }),
      ).rejects.toMatchObject({
        ...refused,
        details: [{ path: "$.roleIds" }],
      });
      // Removing the role from the administrator, or disabling them (by someone else).
      await expect(
        updateUser(ctx(), admin.id, { email: admin.email, firstName: "Admin", username: "admin", roleIds: [] }),
      ).rejects.toMatchObject(refused);
      await expect(setUserEnabled(other, admin.id, false)).rejects.toMatchObject({
        ...refused,
        details: [{ path: "$.enabled" }],
      });
      // Nothing of it was written.
      expect((await loadUserPermissions(handle.db, admin.id)).manage_roles).toBe("ALLOW");
      expect((await getRole(ctx(), adminRoleId)).permissions.manage_roles).toBe("ALLOW");

      // With a second administrator, the first may go.
      const second = await createUser(ctx(), { email: "second-admin@example.test", roleIds: [adminRoleId] });
      await setUserEnabled(ctx(), admin.id, true);
      const demoted = await updateUser(other, admin.id, {
        email: admin.email,
        firstName: "Admin",
        username: "admin",
        roleIds: [],
      });
      expect(demoted.roles).toEqual([]);
      await expect(setUserEnabled(other, second.id, false)).rejects.toMatchObject(refused);
      await updateUser(other, admin.id, {
        email: admin.email,
        firstName: "Admin",
        username: "admin",
        roleIds: [adminRoleId],
      });
    });

    // PGlite has one connection: there is no "at the same time" to test there.
    if (backend === "PostgreSQL")
      it("two administrators removing each other at the same time: exactly one succeeds", async () => {
        const a = await createUser(ctx(), { email: "race-a@example.test", roleIds: [adminRoleId] });
        const b = await createUser(ctx(), { email: "race-b@example.test", roleIds: [adminRoleId] });
        // Leave a and b as the only administrators.
        await updateUser(adminCtx(handle.db, { userId: a.id, email: a.email }), admin.id, {
          email: admin.email,
          firstName: "Admin",
          username: "admin",
          roleIds: [],
        });
        await handle.db.delete(userRoles).where(eq(userRoles.roleId, adminRoleId));
        await handle.db.insert(userRoles).values([
          { userId: a.id, roleId: adminRoleId },
          { userId: b.id, roleId: adminRoleId },
        ]);
        // A slow audit insert (after the check, before the commit): without the lock, each transaction
        // would check while the other is still open, both would see an administrator left, and both pass.
        await handle.db.execute(sql`create function test_slow_audit() returns trigger language plpgsql as $$
      begin if NEW.data->>'email' like 'race-%' then perform pg_sleep(0.3); end if; return NEW; end $$`);
        await handle.db.execute(
          sql`create trigger test_slow_audit before insert on audit_events for each row execute function test_slow_audit()`,
        );
        const results = await Promise.allSettled([
          setUserEnabled(adminCtx(handle.db, { userId: a.id, email: a.email }), b.id, false),
          setUserEnabled(adminCtx(handle.db, { userId: b.id, email: b.email }), a.id, false),
        ]);
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        expect(
          results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code),
        ).toEqual(["conflict"]);
      });
  },
);
