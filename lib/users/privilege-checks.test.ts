import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { auditEvents, roles, userRoles, users, type PermissionValue } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { createFirstAdmin } from "./create-first-admin";
import { createRole } from "./create-role";
import { createUser } from "./create-user";
import { deleteRole } from "./delete-role";
import { getUser } from "./get-user";
import { loadUserPermissions } from "./permissions";
import { PrivilegeRefused } from "./privilege-checks";
import { getRole } from "./role-json";
import { setUserEnabled } from "./set-user-enabled";
import { adminCtx, openFreshDb, type Backend } from "./test-support";
import { updateRole } from "./update-role";
import { updateUser } from "./update-user";

describe.each<{ backend: Backend }>([{ backend: "PostgreSQL" }, { backend: "PGlite" }])(
  "nobody grants a permission they do not hold, on $backend",
  ({ backend }) => {
    let handle: DbHandle;
    let admin: { id: string; email: string };
    let adminRoleId: string;
    let n = 0;
    beforeAll(async () => {
      handle = await openFreshDb(backend);
      await createFirstAdmin(handle.db, { email: "root@example.test", password: "a-long-admin-password" });
      const [row] = await handle.db.select().from(users).where(eq(users.email, "root@example.test"));
      admin = { id: row!.id, email: row!.email };
      adminRoleId = (await handle.db.select().from(roles).where(eq(roles.name, "Administrator")))[0]!.id;
      // Migrating PGlite and hashing the first password take long on a loaded machine.
    }, 180_000);
    afterAll(async () => {
      await handle?.close();
    });

    /** A user holding exactly these permissions (through one role of their own), and their context. */
    async function caller(permissions: Record<string, PermissionValue>) {
      const tag = `${backend}-${++n}`;
      const [role] = await handle.db
        .insert(roles)
        .values({ name: `caller role ${tag}`, permissions })
        .returning();
      const [user] = await handle.db
        .insert(users)
        .values({ email: `caller-${tag}@example.test` })
        .returning();
      await handle.db.insert(userRoles).values({ userId: user!.id, roleId: role!.id });
      const ctx: Ctx = adminCtx(handle.db, { userId: user!.id, email: user!.email });
      return { user: user!, role: role!, ctx };
    }
    const refusals = (userId: string) =>
      handle.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "PrivilegeEscalationRefused"), eq(auditEvents.actorUserId, userId)))
        .orderBy(auditEvents.seq);
    const roleIdsOf = async (userId: string) => (await getUser(adminCtx(handle.db), userId)).roles.map((r) => r.id);
    const fields = (u: { email: string }, roleIds: string[]) => ({ email: u.email, roleIds });

    it("a user manager cannot give the Administrator role, to a new user or to themselves; the refusal is a 403 naming the permission, and audited", async () => {
      const m = await caller({ manage_users: "ALLOW" });
      const created = await createUser(m.ctx, {
        email: "new-admin@example.test",
        roleIds: [m.role.id, adminRoleId],
      }).catch((e: unknown) => e);
      expect(created).toBeInstanceOf(PrivilegeRefused);
      expect(created).toMatchObject({ code: "forbidden", status: 403, details: [{ path: "$.roleIds[1]" }] });
      expect((created as Error).message).toMatch(
        /^You cannot give the role "Administrator": you do not hold .*"User can configure identity providers"/,
      );
      expect(await handle.db.select().from(users).where(eq(users.email, "new-admin@example.test"))).toEqual([]);

      await expect(updateUser(m.ctx, m.user.id, fields(m.user, [m.role.id, adminRoleId]))).rejects.toMatchObject({
        code: "forbidden",
      });
      expect(await roleIdsOf(m.user.id)).toEqual([m.role.id]);
      expect((await loadUserPermissions(handle.db, m.user.id)).configure_identity_providers).toBe("FORBID");

      // Audited in a transaction of its own: the refused change rolled back, its record did not.
      const rows = await refusals(m.user.id);
      expect(rows.map((r) => r.data)).toEqual([
        expect.objectContaining({
          operation: "createUser",
          roleId: adminRoleId,
          roleName: "Administrator",
          permissions: expect.arrayContaining(["configure_identity_providers"]),
        }),
        expect.objectContaining({ operation: "changeUser", userId: m.user.id, roleId: adminRoleId }),
      ]);
      expect(rows[0]!.description).toMatch(/^Refused: You cannot give the role "Administrator"/);
    });

    it("a user manager gives and takes roles within what they hold, but cannot touch a user holding more, nor lift a block", async () => {
      const m = await caller({ manage_users: "ALLOW", send_envelopes: "ALLOW" });
      const [senders, auditors, noAudit] = await handle.db
        .insert(roles)
        .values([
          { name: `Senders ${backend}`, permissions: { send_envelopes: "ALLOW" } },
          { name: `Auditors ${backend}`, permissions: { view_audit: "ALLOW" } },
          { name: `No audit ${backend}`, permissions: { view_audit: "BLOCK" } },
        ])
        .returning();
      const u = await createUser(m.ctx, { email: `plain-${backend}@example.test`, roleIds: [senders!.id] });
      expect((await updateUser(m.ctx, u.id, fields(u, []))).roles).toEqual([]);

      await expect(updateUser(m.ctx, admin.id, { email: "mine@example.test", roleIds: [adminRoleId] })).rejects.toThrow(
        /^You cannot change the user root@example.test: they hold /,
      );
      await expect(setUserEnabled(m.ctx, admin.id, false)).rejects.toMatchObject({ code: "forbidden" });
      expect(await getUser(adminCtx(handle.db), admin.id)).toMatchObject({ email: admin.email, enabled: true });

      // Blocked from the audit trail by a second role: taking that role away would give it.
      const blocked = await createUser(adminCtx(handle.db, { userId: admin.id, email: admin.email }), {
        email: `blocked-${backend}@example.test`,
        roleIds: [auditors!.id, noAudit!.id],
      });
      await expect(updateUser(m.ctx, blocked.id, fields(blocked, [auditors!.id]))).rejects.toThrow(
        /^This change would give .* "User can view the organization's audit trail", which you do not hold/,
      );
      // Taking away a role allowing what the manager lacks.
      await expect(updateUser(m.ctx, blocked.id, fields(blocked, [noAudit!.id]))).rejects.toThrow(
        /^You cannot take the role "Auditors .*" away/,
      );
      expect((await roleIdsOf(blocked.id)).sort()).toEqual([auditors!.id, noAudit!.id].sort());
    });

    it("a role manager creates, edits and deletes roles only within what they hold; adding a BLOCK is free", async () => {
      const m = await caller({ manage_roles: "ALLOW" });
      const colleague = await createUser(adminCtx(handle.db, { userId: admin.id, email: admin.email }), {
        email: `colleague-${backend}@example.test`,
        roleIds: [m.role.id],
      });
      await expect(
        createRole(m.ctx, { name: "Escalator", permissions: { configure_identity_providers: "ALLOW" } }),
      ).rejects.toMatchObject({
        code: "forbidden",
        message: `You cannot create a role that allows "User can configure identity providers": you do not hold it`,
        details: [{ path: "$.permissions.configure_identity_providers" }],
      });
      const fenced = await createRole(m.ctx, {
        name: "Fenced",
        permissions: { manage_roles: "ALLOW", configure_identity_providers: "BLOCK" },
      });

      await expect(
        updateRole(m.ctx, m.role.id, {
          name: m.role.name,
          permissions: { manage_roles: "ALLOW", manage_users: "ALLOW" },
        }),
      ).rejects.toThrow(
        `You cannot change "User can create, edit and delete users" in the role "${m.role.name}": you do not hold it`,
      );
      expect((await loadUserPermissions(handle.db, colleague.id)).manage_users).toBe("FORBID");
      // Lifting the BLOCK again would give it back to whoever another role allows it.
      await expect(
        updateRole(m.ctx, fenced.id, { name: "Fenced", permissions: { manage_roles: "ALLOW" } }),
      ).rejects.toMatchObject({ code: "forbidden" });
      // Taking from the administrators what the role manager does not hold.
      const adminRole = await getRole(m.ctx, adminRoleId);
      await expect(
        updateRole(m.ctx, adminRoleId, {
          name: "Administrator",
          permissions: { ...adminRole.permissions, view_audit: "FORBID" },
        }),
      ).rejects.toMatchObject({ code: "forbidden" });
      await expect(deleteRole(m.ctx, fenced.id)).rejects.toThrow(
        /^You cannot delete the role "Fenced": it sets "User can configure identity providers"/,
      );
      expect(
        (
          await updateRole(m.ctx, fenced.id, {
            name: "Fenced in",
            permissions: { manage_roles: "ALLOW", configure_identity_providers: "BLOCK", use_api: "BLOCK" },
          })
        ).name,
      ).toBe("Fenced in");
      const own = await createRole(m.ctx, { name: "Deletable", permissions: { manage_roles: "ALLOW" } });
      await deleteRole(m.ctx, own.id);

      expect((await refusals(m.user.id)).map((r) => (r.data as { operation: string }).operation)).toEqual([
        "createRole",
        "changeRole",
        "changeRole",
        "changeRole",
        "deleteRole",
      ]);
    });

    it("an anonymous caller grants nothing", async () => {
      const anonymous: Ctx = { ...adminCtx(handle.db), actor: { kind: "anonymous" } };
      await expect(
        createRole(anonymous, { name: "Anon", permissions: { password_logon: "ALLOW" } }),
      ).rejects.toMatchObject({ code: "forbidden" });
    });

    it("the last enabled administrator cannot demote themselves, even while others still manage roles", async () => {
      await caller({ manage_roles: "ALLOW" });
      const ctx = adminCtx(handle.db, { userId: admin.id, email: admin.email });
      const err = await updateUser(ctx, admin.id, { email: admin.email, roleIds: [] }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "conflict", details: [{ path: "$.roleIds" }] });
      expect((err as Error).message).toMatch(
        /would leave no enabled administrator \(a user who holds every permission\)/,
      );
      const adminRole = await getRole(ctx, adminRoleId);
      await expect(
        updateRole(ctx, adminRoleId, {
          name: "Administrator",
          permissions: { ...adminRole.permissions, send_envelopes: "FORBID" },
        }),
      ).rejects.toMatchObject({
        code: "conflict",
        details: [{ path: "$.permissions.send_envelopes" }],
      });
      expect(Object.values(await loadUserPermissions(handle.db, admin.id)).every((v) => v === "ALLOW")).toBe(true);
    });
  },
);
