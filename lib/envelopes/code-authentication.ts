import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { envelopes, recipients, type RecipientRow } from "@/db/schema";
import type { Tx } from "@/db/client";
import { queueStatusCallback } from "@/lib/callbacks/enqueue";
import { emitAudit } from "@/lib/audit/emit-audit";
import { verifyPassword } from "@/lib/crypto/password";
import { AppError } from "@/lib/errors";
import { sha256 } from "@/lib/flows/start-flow";
import type { EnvelopeCtx } from "./context";
import { fullName, queueSmsCode } from "./mail";
import { lockSigner, type SignerInput } from "./sign-workstep";

// Access code and SMS code: alternatives to an OAuth provider (any one chosen method suffices).
// Wrong codes count per recipient (both methods together, in Postgres, under the recipient's row
// lock, so parallel guesses cannot overtake the count); after MAX_ATTEMPTS the recipient is
// locked: every further try is refused and audited. No code ever reaches the trail.

export const MAX_ATTEMPTS = 5;
export const SMS_TTL_MS = 10 * 60 * 1000;
const SMS_RESEND_MS = 60 * 1000;
const LOCKED = "Too many wrong codes. Ask the sender to unlock you.";

type Method = "accessCode" | "sms";
export type CodeResult = { ok: true } | { ok: false; attemptsLeft: number };

const smsHash = (ctx: EnvelopeCtx, recipientId: string, code: string) =>
  createHmac("sha256", ctx.config.encryptionKey).update(`sms:${recipientId}:${code}`).digest("base64url");
const who = (r: RecipientRow) => ({ envelopeId: r.envelopeId, recipientId: r.id, actorLabel: fullName(r) || r.email });
const step = (method: Method) => (method === "sms" ? "sms_code" : "access_code");

async function authenticate(
  tx: Tx,
  ctx: EnvelopeCtx,
  r: RecipientRow,
  method: Method,
  browserToken: string,
): Promise<CodeResult> {
  await tx
    .update(recipients)
    .set({
      authMethod: method,
      authenticatedAt: sql`now()`,
      authBrowserHash: sha256(browserToken),
      codeAttempts: 0,
      smsCodeHash: null,
      lastAuthError: null,
    })
    .where(eq(recipients.id, r.id));
  await emitAudit(tx, ctx, { ...who(r), action: "CodeAuthenticationSuccess", data: { method } });
  await queueStatusCallback(tx, r.envelopeId, "recipient_authenticated", r);
  return { ok: true };
}

async function refuse(tx: Tx, ctx: EnvelopeCtx, r: RecipientRow, method: Method, reason: string): Promise<CodeResult> {
  const attempts = r.codeAttempts + 1;
  const locked = attempts >= MAX_ATTEMPTS;
  await tx
    .update(recipients)
    .set({ codeAttempts: attempts, lastAuthError: `${method}: ${reason}` })
    .where(eq(recipients.id, r.id));
  await emitAudit(tx, ctx, {
    ...who(r),
    action: "AuthenticationFailed",
    data: { method, step: step(method), reason, attempts, ...(locked ? { locked } : {}) },
  });
  return { ok: false, attemptsLeft: MAX_ATTEMPTS - attempts };
}

/**
 * Runs one code check for a live signing link. A locked recipient's try is audited and committed,
 * then refused (429): the refusal must not roll its own audit row back.
 */
async function checkCode(
  ctx: EnvelopeCtx,
  input: SignerInput,
  method: Method,
  check: (tx: Tx, r: RecipientRow) => Promise<CodeResult>,
): Promise<CodeResult> {
  const result = await ctx.db.transaction(async (tx) => {
    const r = await lockSigner(tx, input, { authenticated: false });
    if (method === "accessCode" && !r.auth.accessCodeHash)
      throw new AppError("conflict", "No access code is set for this recipient");
    if (method === "sms" && !r.auth.sms) throw new AppError("conflict", "No SMS code is set for this recipient");
    if (r.codeAttempts >= MAX_ATTEMPTS) {
      await emitAudit(tx, ctx, {
        ...who(r),
        action: "AuthenticationFailed",
        data: {
          method,
          step: step(method),
          reason: `locked after ${MAX_ATTEMPTS} wrong codes`,
          attempts: r.codeAttempts,
          locked: true,
        },
      });
      return "locked" as const;
    }
    return check(tx, r);
  });
  if (result === "locked") throw new AppError("rate_limited", LOCKED);
  return result;
}

/** Checks the access code; ok = this browser is now authenticated for the recipient. */
export async function verifyAccessCode(
  ctx: EnvelopeCtx,
  input: SignerInput & { code: string; browserToken: string },
): Promise<CodeResult> {
  return checkCode(ctx, input, "accessCode", async (tx, r) => {
    if (!(await verifyPassword(r.auth.accessCodeHash!, input.code.trim())))
      return refuse(tx, ctx, r, "accessCode", "wrong access code");
    return authenticate(tx, ctx, r, "accessCode", input.browserToken);
  });
}

/** Sends a fresh 6-digit code to the recipient's phone (the outbox here); at most one a minute, none when locked. */
export async function sendSmsCode(ctx: EnvelopeCtx, input: SignerInput): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const r = await lockSigner(tx, input, { authenticated: false });
    if (!r.auth.sms || !r.phone) throw new AppError("conflict", "No SMS code is set for this recipient");
    if (r.codeAttempts >= MAX_ATTEMPTS) throw new AppError("rate_limited", LOCKED);
    if (r.smsCodeExpiresAt && r.smsCodeExpiresAt.getTime() - SMS_TTL_MS + SMS_RESEND_MS > Date.now())
      throw new AppError("rate_limited", "A code was sent less than a minute ago");
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    await tx
      .update(recipients)
      .set({ smsCodeHash: smsHash(ctx, r.id, code), smsCodeExpiresAt: new Date(Date.now() + SMS_TTL_MS) })
      .where(eq(recipients.id, r.id));
    const [e] = await tx.select({ name: envelopes.name }).from(envelopes).where(eq(envelopes.id, r.envelopeId));
    await queueSmsCode(tx, ctx, r.phone, e?.name ?? "", code);
  });
}

export async function verifySmsCode(
  ctx: EnvelopeCtx,
  input: SignerInput & { code: string; browserToken: string },
): Promise<CodeResult> {
  return checkCode(ctx, input, "sms", async (tx, r) => {
    if (!r.smsCodeHash || !r.smsCodeExpiresAt || r.smsCodeExpiresAt.getTime() < Date.now())
      return refuse(tx, ctx, r, "sms", "no valid code was sent, or it expired");
    const given = Buffer.from(smsHash(ctx, r.id, input.code.trim()));
    if (!timingSafeEqual(given, Buffer.from(r.smsCodeHash))) return refuse(tx, ctx, r, "sms", "wrong SMS code");
    return authenticate(tx, ctx, r, "sms", input.browserToken);
  });
}
