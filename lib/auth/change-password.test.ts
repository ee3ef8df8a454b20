import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { seedUser } from "@/db/test/seed";
import { openTestDb } from "@/db/test/test-db";
import { AppError } from "@/lib/errors";
import { changeOwnPassword } from "./change-password";
import { verifyPassword } from "@/lib/crypto/password";

let handle: DbHandle;
beforeAll(async () => {
  handle = await openTestDb();
});
afterAll(async () => {
  await handle.close();
});

const ctxOf = (user: { id: string; email: string }) => ({
  db: handle.db,
  actor: { kind: "user" as const, userId: user.id, email: user.email },
  ip: "192.0.2.5",
  userAgent: "vitest",
  user,
});
const hashOf = async (id: string) =>
  (await handle.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, id)))[0]?.h ?? null;
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (err: unknown) => (err instanceof AppError ? err.message : String(err)),
  );

describe("Settings → Account: changing one's own password", () => {
  it("needs the current password; the new one works, the old one no longer; audited without either", async () => {
    const { user, password } = await seedUser(handle.db);
    const ctx = ctxOf(user);
    const next = "a-brand-new-password-42";
    expect(
      await refusal(
        changeOwnPassword(ctx, { currentPassword: "wrong-password", newPassword: next, confirmPassword: next }),
      ),
    ).toBe("The current password is not correct");
    expect(await verifyPassword(await hashOf(user.id), password!)).toBe(true);

    await changeOwnPassword(ctx, { currentPassword: password, newPassword: next, confirmPassword: next });
    const hash = await hashOf(user.id);
    expect(await verifyPassword(hash, next)).toBe(true);
    expect(await verifyPassword(hash, password!)).toBe(false);
    const events = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "UserChanged"), eq(auditEvents.actorUserId, user.id)));
    expect(events).toHaveLength(1);
    expect(events[0]!.description).toBe(`User ${user.email} changed: password: '(set)' → '(changed)'`);
    expect(JSON.stringify(events)).not.toContain(next);
    expect(JSON.stringify(events)).not.toContain(password!);
  });

  it("refuses a short, mismatched or unchanged new password and changes nothing", async () => {
    const { user, password } = await seedUser(handle.db);
    const before = await hashOf(user.id);
    const ctx = ctxOf(user);
    expect(
      await refusal(
        changeOwnPassword(ctx, { currentPassword: password, newPassword: "short", confirmPassword: "short" }),
      ),
    ).toBe("The new password needs at least 12 characters");
    expect(
      await refusal(
        changeOwnPassword(ctx, {
          currentPassword: password,
          newPassword: "long-enough-one-1",
          confirmPassword: "long-enough-one-2",
        }),
      ),
    ).toBe("The two new passwords differ");
    expect(
      await refusal(
        changeOwnPassword(ctx, { currentPassword: password, newPassword: password, confirmPassword: password }),
      ),
    ).toBe("The new password is the current one");
    expect(await refusal(changeOwnPassword(ctx, { newPassword: 42 }))).not.toBeNull();
    expect(await hashOf(user.id)).toBe(before);
  });

  it("a user without a password (provider sign-in only) sets a first one without a current one", async () => {
    const { user } = await seedUser(handle.db, { password: null });
    await changeOwnPassword(ctxOf(user), {
      currentPassword: "",
      newPassword: "first-password-ever",
      confirmPassword: "first-password-ever",
    });
    expect(await verifyPassword(await hashOf(user.id), "first-password-ever")).toBe(true);
  });
});
