import { emitAudit } from "@/lib/audit/emit-audit";
import type { Ctx } from "@/lib/context";
import type { TLoginInput } from "./schema";
import { createSession } from "./sessions";
import { verifyPasswordLogin, type PasswordLoginResult } from "./verify-password-login";

const REASONS = {
  invalid: "invalid email or password",
  throttled: "too many failed attempts (locked)",
  password_not_allowed: "password logon not allowed for this user",
} as const;

export type PasswordSignIn = { ok: true; userId: string; email: string; name: string; sessionId: string } | Extract<PasswordLoginResult, { ok: false }>;

/** Password sign-in with its consequences: a new server-side session and an audit row, or an audited refusal. */
export async function signInWithPassword(ctx: Ctx, input: TLoginInput): Promise<PasswordSignIn> {
  const result = await verifyPasswordLogin(ctx, input);
  if (!result.ok) {
    const email = input.email.trim().toLowerCase();
    await emitAudit(ctx.db, ctx, { action: "LoginFailed", data: { email, method: "password", reason: REASONS[result.reason] }, actorLabel: email });
    return result;
  }
  const { user } = result;
  const sessionId = await ctx.db.transaction(async (tx) => {
    const id = await createSession(tx, { userId: user.id, method: "password", ip: ctx.ip, userAgent: ctx.userAgent });
    const actor = { kind: "user" as const, userId: user.id, email: user.email };
    await emitAudit(tx, { actor, ip: ctx.ip }, { action: "LoginSucceeded", data: { userId: user.id, email: user.email, method: "password" } });
    return id;
  });
  return { ok: true, userId: user.id, email: user.email, name: `${user.firstName} ${user.lastName}`.trim(), sessionId };
}
