import { sql } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { auditCappedRefusal, flushCappedRefusals, type CappedRefusal } from "@/lib/audit/capped-refusals";
import { emitAudit } from "@/lib/audit/emit-audit";
import type { Ctx } from "@/lib/context";
import type { TLoginInput } from "./schema";
import { createSession } from "@/lib/sessions/sessions";
import { verifyPasswordLogin, type PasswordLoginResult } from "./verify-password-login";

const REASONS = {
  invalid: "invalid email or password",
  throttled: "too many failed attempts from this address (waiting)",
  password_not_allowed: "password logon not allowed for this user",
} as const;

export type PasswordSignIn =
  | { ok: true; userId: string; email: string; name: string; sessionId: string }
  | Extract<PasswordLoginResult, { ok: false }>;

// Refusals are audited within a per-minute cap per account (lib/audit/capped-refusals.ts);
// emails of no account share one window, so guessing addresses cannot open windows without end.
const windowKey = (email: string | null) => (email ? `login:${email}` : "login:(unknown accounts)");

async function knownAccount(db: Db | Tx, email: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`);
  return Boolean(row);
}

function refusalOf(email: string, known: boolean, reason: string): CappedRefusal {
  return {
    key: windowKey(known ? email : null),
    refused: { action: "LoginFailed", data: { email, method: "password", reason }, actorLabel: email },
    summary: {
      action: "LoginFailedMore",
      data: { email: known ? email : null, method: "password" },
      actorLabel: known ? email : "unknown accounts",
    } as CappedRefusal["summary"],
  };
}

/** Password sign-in with its consequences: a new server-side session and an audit row, or an audited refusal. */
export async function signInWithPassword(ctx: Ctx, input: TLoginInput): Promise<PasswordSignIn> {
  const result = await verifyPasswordLogin(ctx, input);
  if (!result.ok) {
    const email = input.email.trim().toLowerCase();
    const reason = REASONS[result.reason];
    const known = await knownAccount(ctx.db, email);
    await auditCappedRefusal(ctx.db, ctx, refusalOf(email, known, reason), known ? reason : `${reason} (as ${email})`);
    return result;
  }
  const { user } = result;
  const sessionId = await ctx.db.transaction(async (tx) => {
    await flushCappedRefusals(tx, windowKey(user.email.toLowerCase()));
    const id = await createSession(tx, { userId: user.id, method: "password", ip: ctx.ip, userAgent: ctx.userAgent });
    const actor = { kind: "user" as const, userId: user.id, email: user.email };
    await emitAudit(
      tx,
      { actor, ip: ctx.ip },
      { action: "LoginSucceeded", data: { userId: user.id, email: user.email, method: "password" } },
    );
    return id;
  });
  return { ok: true, userId: user.id, email: user.email, name: `${user.firstName} ${user.lastName}`.trim(), sessionId };
}
