import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { users } from "@/db/schema";
import { seedUser } from "@/db/test/seed";
import { openTestDb, uniqueEmail } from "@/db/test/test-db";
import type { Ctx } from "@/lib/context";
import { RULES } from "./throttle";
import { verifyPasswordLogin } from "./verify-password-login";

let handle: DbHandle;
const ctx = (ip: string | null = null): Ctx => ({
  db: handle.db,
  actor: { kind: "anonymous" },
  ip,
  userAgent: "vitest",
});

beforeAll(async () => {
  handle = await openTestDb();
});
afterAll(async () => {
  await handle.close();
});

describe("password sign-in", () => {
  it("accepts the right password, case-insensitively on the email", async () => {
    const { email, password, user } = await seedUser(handle.db);
    const result = await verifyPasswordLogin(ctx(), { email: email.toUpperCase(), password: password! });
    expect(result).toMatchObject({ ok: true, user: { id: user.id } });
  });

  it("answers the same 'invalid' for a wrong password, an unknown account and a disabled account", async () => {
    const { email } = await seedUser(handle.db);
    const disabled = await seedUser(handle.db, { enabled: false });
    expect(await verifyPasswordLogin(ctx(), { email, password: "wrong-password" })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await verifyPasswordLogin(ctx(), { email: uniqueEmail("nobody"), password: "x" })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await verifyPasswordLogin(ctx(), { email: disabled.email, password: disabled.password! })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("refuses a user without the password permission, but only once the password is right", async () => {
    const { email, password } = await seedUser(handle.db, { permissions: { password_logon: "FORBID" } });
    expect(await verifyPasswordLogin(ctx(), { email, password: "wrong" })).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyPasswordLogin(ctx(), { email, password: password! })).toEqual({
      ok: false,
      reason: "password_not_allowed",
    });
    const blocked = await seedUser(handle.db, { permissions: { password_logon: "BLOCK" } });
    expect(await verifyPasswordLogin(ctx(), { email: blocked.email, password: blocked.password! })).toMatchObject({
      reason: "password_not_allowed",
    });
  });

  it("a user without a password cannot sign in with any password", async () => {
    const { email } = await seedUser(handle.db, { password: null });
    expect(await verifyPasswordLogin(ctx(), { email, password: "" + "anything" })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it(`after ${RULES.accountFromAddress.free} failures from one address, that address waits, even with the right password; another address signs in`, async () => {
    const { email, password } = await seedUser(handle.db);
    for (let i = 0; i < RULES.accountFromAddress.free; i++) {
      expect(await verifyPasswordLogin(ctx("192.0.2.50"), { email, password: `wrong-${i}` })).toMatchObject({
        reason: "invalid",
      });
    }
    expect(await verifyPasswordLogin(ctx("192.0.2.50"), { email, password: password! })).toEqual({
      ok: false,
      reason: "throttled",
    });
    expect(await verifyPasswordLogin(ctx("192.0.2.51"), { email, password: password! })).toMatchObject({ ok: true });
  });

  it("an IPv6 client counts as its /64: another address of the same /64 waits too", async () => {
    const { email, password } = await seedUser(handle.db);
    for (let i = 0; i < RULES.accountFromAddress.free; i++)
      await verifyPasswordLogin(ctx(`2001:db8:7:7::${i + 1}`), { email, password: "wrong" });
    expect(await verifyPasswordLogin(ctx("2001:db8:7:7:ffff::1"), { email, password: password! })).toEqual({
      ok: false,
      reason: "throttled",
    });
    expect(await verifyPasswordLogin(ctx("2001:db8:7:8::1"), { email, password: password! })).toMatchObject({
      ok: true,
    });
  });

  it("counts failures per address across accounts (password spraying)", async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const target = await seedUser(handle.db);
    await Promise.all(
      Array.from({ length: RULES.address.free }, (_, i) =>
        verifyPasswordLogin(ctx(ip), { email: uniqueEmail(`spray${i}`), password: "guess" }),
      ),
    );
    expect(await verifyPasswordLogin(ctx(ip), { email: target.email, password: target.password! })).toMatchObject({
      reason: "throttled",
    });
    expect(
      await verifyPasswordLogin(ctx("203.0.113.9"), { email: target.email, password: target.password! }),
    ).toMatchObject({ ok: true });
  });

  it("stores an Argon2id hash, never the password", async () => {
    const { user, password } = await seedUser(handle.db);
    const [row] = await handle.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
    expect(row!.hash).toMatch(/^\$argon2id\$/);
    expect(row!.hash).not.toContain(password!);
  });
});
