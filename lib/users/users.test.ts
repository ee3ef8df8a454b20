import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { DbHandle } from "@/db/client";
import { auditEvents, roles, userRoles, users } from "@/db/schema";
import { ZLoginInput } from "@/lib/auth/schema";
import { createSession, findLiveSession } from "@/lib/sessions/sessions";
import { verifyPasswordLogin } from "@/lib/auth/verify-password-login";
import { AppError } from "@/lib/errors";
import { createUser } from "./create-user";
import { getUser } from "./get-user";
import { ALL_ALLOWED } from "./permission-catalogue";
import { setUserEnabled } from "./set-user-enabled";
import { adminCtx, failAuditFor, openFreshDb, type Backend } from "./test-support";
import { updateUser } from "./update-user";

const email = (name: string) => `${name}.${Math.random().toString(36).slice(2, 8)}@example.test`;

describe.each<{ backend: Backend }>([{ backend: "PostgreSQL" }, { backend: "PGlite" }])(
  "users on $backend",
  ({ backend }) => {
    let handle: DbHandle;
    let roleA: string;
    let roleB: string;
    let rootId: string;
    beforeAll(async () => {
      handle = await openFreshDb(backend);
      const rows = await handle.db
        .insert(roles)
        .values([
          { name: "Sender", permissions: { send_envelopes: "ALLOW", password_logon: "ALLOW" } },
          { name: "Auditor", permissions: { view_audit: "ALLOW" } },
        ])
        .returning();
      [roleA, roleB] = [rows[0]!.id, rows[1]!.id];
      // The caller holds every permission: nobody can give a role allowing what they do not hold.
      const [root] = await handle.db.insert(users).values({ email: "admin@example.test" }).returning();
      const [all] = await handle.db
        .insert(roles)
        .values({ name: "Administrator", permissions: ALL_ALLOWED })
        .returning();
      await handle.db.insert(userRoles).values({ userId: root!.id, roleId: all!.id });
      rootId = root!.id;
    });
    afterAll(async () => {
      await handle?.close();
    });
    const ctx = () => adminCtx(handle.db, { userId: rootId, email: "admin@example.test" });
    it("creates a user with roles and an initial password that signs in; the hash never leaves", async () => {
      const address = email("Anna");
      const created = await createUser(ctx(), {
        email: ` ${address} `,
        firstName: "Anna",
        lastName: "Müller",
        username: "anna",
        roleIds: [roleB, roleA],
        password: "a-long-initial-password",
      });
      expect(created).toMatchObject({
        email: address,
        firstName: "Anna",
        lastName: "Müller",
        username: "anna",
        language: "en",
        enabled: true,
        passwordSet: true,
      });
      expect(created.roles.map((r) => r.name)).toEqual(["Auditor", "Sender"]);
      expect(JSON.stringify(created)).not.toMatch(/argon2|passwordHash/);
      const login = await verifyPasswordLogin(
        adminCtx(handle.db),
        ZLoginInput.parse({ email: address.toUpperCase(), password: "a-long-initial-password" }),
      );
      expect(login.ok).toBe(true);
      const events = (await handle.db.select().from(auditEvents).orderBy(auditEvents.seq)).filter(
        (e) => (e.data as { userId?: string }).userId === created.id,
      );
      expect(events.map((e) => e.action)).toEqual(["UserCreated", "UserChanged"]);
      expect(events[0]).toMatchObject({
        actorLabel: "admin@example.test",
        ip: "192.0.2.7",
        data: { userId: created.id, email: address },
      });
      expect((events[1]!.data as { changes: unknown[] }).changes).toEqual(
        expect.arrayContaining([
          { field: "roles", from: null, to: "Auditor, Sender" },
          { field: "password", from: null, to: "(set)" },
        ]),
      );
      expect(JSON.stringify(events)).not.toContain("a-long-initial-password");
    });

    it("refuses a duplicate email in any case with 409 on $.email, and a taken username on $.username", async () => {
      const address = email("dup");
      await createUser(ctx(), { email: address, username: `u-${address}` });
      const err = await createUser(ctx(), { email: address.toUpperCase() }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({
        code: "conflict",
        status: 409,
        details: [{ path: "$.email", message: "A user with this email address already exists" }],
      });
      const taken = await createUser(ctx(), { email: email("other"), username: `U-${address}`.toUpperCase() }).catch(
        (e: unknown) => e,
      );
      expect(taken).toMatchObject({ code: "conflict", details: [{ path: "$.username" }] });
      const other = await createUser(ctx(), { email: email("third") });
      const renamed = await updateUser(ctx(), other.id, { email: address.toUpperCase() }).catch((e: unknown) => e);
      expect(renamed).toMatchObject({ code: "conflict", details: [{ path: "$.email" }] });
    });

    it("validates with precise messages: email, password length, unknown roles", async () => {
      const bad = await createUser(ctx(), { email: "not-an-email", password: "short" }).catch((e: unknown) => e);
      expect(bad).toBeInstanceOf(z.ZodError);
      const issues = (bad as z.ZodError).issues.map((i) => [i.path.join("."), i.message]);
      expect(issues).toEqual(
        expect.arrayContaining([
          ["email", "Enter a valid email address, e.g. anna@example.com"],
          ["password", "The initial password needs at least 12 characters"],
        ]),
      );
      const unknownRole = await createUser(ctx(), { email: email("r"), roleIds: [roleA, crypto.randomUUID()] }).catch(
        (e: unknown) => e,
      );
      expect(unknownRole).toMatchObject({
        code: "validation_failed",
        details: [{ path: "$.roleIds[1]", message: "This role does not exist (any more)" }],
      });
    });

    it("updates every field, audits exactly what changed, and writes nothing for a no-op", async () => {
      const created = await createUser(ctx(), { email: email("edit"), firstName: "Old", roleIds: [roleA] });
      const newEmail = email("edited");
      const updated = await updateUser(ctx(), created.id, {
        email: newEmail,
        firstName: "New",
        lastName: "Name",
        username: null,
        language: "de",
        roleIds: [roleB],
        enabled: true,
      });
      expect(updated).toMatchObject({
        email: newEmail,
        firstName: "New",
        lastName: "Name",
        language: "de",
        roles: [{ id: roleB, name: "Auditor" }],
      });
      const mine = async () =>
        (await handle.db.select().from(auditEvents).orderBy(auditEvents.seq)).filter(
          (e) => (e.data as { userId?: string }).userId === created.id,
        );
      const last = (await mine()).at(-1)!;
      expect(last.action).toBe("UserChanged");
      expect((last.data as { changes: unknown }).changes).toEqual([
        { field: "email", from: created.email, to: newEmail },
        { field: "firstName", from: "Old", to: "New" },
        { field: "lastName", from: null, to: "Name" },
        { field: "language", from: "en", to: "de" },
        { field: "roles", from: "Sender", to: "Auditor" },
      ]);
      const before = (await mine()).length;
      await updateUser(ctx(), created.id, {
        email: newEmail,
        firstName: "New",
        lastName: "Name",
        language: "de",
        roleIds: [roleB],
      });
      expect((await mine()).length).toBe(before);
    });

    it("disabling a user ends their sessions in the same transaction, audited as SessionRevoked", async () => {
      const created = await createUser(ctx(), { email: email("off"), roleIds: [roleA] });
      const sessions = [
        await createSession(handle.db, { userId: created.id, method: "password", ip: null, userAgent: null }),
        await createSession(handle.db, { userId: created.id, method: "password", ip: null, userAgent: null }),
      ];
      const off = await setUserEnabled(ctx(), created.id, false);
      expect(off.enabled).toBe(false);
      for (const s of sessions) expect(await findLiveSession(handle.db, s)).toBeNull();
      const rows = (await handle.db.select().from(auditEvents).orderBy(auditEvents.seq)).filter(
        (e) => (e.data as { userId?: string }).userId === created.id,
      );
      expect(rows.slice(-2).map((e) => [e.action, e.data])).toEqual([
        [
          "UserChanged",
          { userId: created.id, email: created.email, changes: [{ field: "enabled", from: "true", to: "false" }] },
        ],
        ["SessionRevoked", { userId: created.id, reason: "User disabled", count: 2 }],
      ]);
      // Enabling again does not bring the ended sessions back.
      await setUserEnabled(ctx(), created.id, true);
      for (const s of sessions) expect(await findLiveSession(handle.db, s)).toBeNull();
    });

    it("a failing audit insert rolls the change back: no user created, no user disabled, no session ended", async () => {
      const address = email("audit-fails");
      await failAuditFor(handle.db, "UserCreated", address);
      await expect(createUser(ctx(), { email: address })).rejects.toThrow();
      expect(await handle.db.select().from(users).where(eq(users.email, address))).toHaveLength(0);

      const victim = await createUser(ctx(), { email: email("keep") });
      const session = await createSession(handle.db, {
        userId: victim.id,
        method: "password",
        ip: null,
        userAgent: null,
      });
      await failAuditFor(handle.db, "SessionRevoked", victim.id);
      await expect(setUserEnabled(ctx(), victim.id, false)).rejects.toThrow();
      expect((await getUser(ctx(), victim.id)).enabled).toBe(true);
      expect(await findLiveSession(handle.db, session)).not.toBeNull();
    });

    it("refuses to disable one's own account; unknown and malformed ids are 404", async () => {
      const me = await createUser(ctx(), { email: email("me") });
      const err = await setUserEnabled(adminCtx(handle.db, { userId: me.id, email: me.email }), me.id, false).catch(
        (e: unknown) => e,
      );
      expect(err).toMatchObject({
        code: "conflict",
        details: [{ path: "$.enabled", message: "You cannot disable your own account" }],
      });
      await expect(getUser(ctx(), crypto.randomUUID())).rejects.toMatchObject({ code: "not_found" });
      await expect(updateUser(ctx(), "../../etc", { email: email("x") })).rejects.toMatchObject({ code: "not_found" });
    });
  },
);
