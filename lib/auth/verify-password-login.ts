import { sql } from "drizzle-orm";
import { users, type User } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { asciiLower } from "@/lib/oauth/email-key";
import { loadUserPermissions } from "@/lib/users/permissions";
import { verifyPassword } from "@/lib/crypto/password";
import type { TLoginInput } from "./schema";
import { clearFailures, mustWait, recordFailure, throttleKeys } from "./throttle";

export type PasswordLoginResult =
  { ok: true; user: User } | { ok: false; reason: "invalid" | "throttled" | "password_not_allowed" };

/**
 * Checks an email + password sign-in. Unknown account, wrong password and disabled account
 * all answer "invalid", so the answer never tells which accounts exist.
 */
export async function verifyPasswordLogin(ctx: Ctx, input: TLoginInput): Promise<PasswordLoginResult> {
  const keys = throttleKeys(input.email, ctx.ip);
  // While this address waits, no password is checked (not even the right one): no guess counts.
  if (await mustWait(ctx.db, keys)) return { ok: false, reason: "throttled" };

  // ASCII case only on both sides (lower() under the "C" collation folds A-Z alone): "\u212Aate@…"
  // (Kelvin sign) is not kate's address. See lib/oauth/email-key.ts.
  const [user] = await ctx.db
    .select()
    .from(users)
    .where(sql`lower(${users.email} collate "C") = ${asciiLower(input.email.trim())}`);
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !passwordOk || !user.enabled) {
    await recordFailure(ctx.db, keys);
    return { ok: false, reason: "invalid" };
  }
  // Told only after the right password: the account's owner learns to use the Logon URL.
  const permissions = await loadUserPermissions(ctx.db, user.id);
  if (permissions.password_logon !== "ALLOW") return { ok: false, reason: "password_not_allowed" };

  await clearFailures(ctx.db, keys);
  return { ok: true, user };
}
