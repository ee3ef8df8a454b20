import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { envelopes, recipients, type RecipientRow } from "@/db/schema";
import type { Tx } from "@/db/client";
import { emitAudit } from "@/lib/audit/emit-audit";
import { verifyPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { sha256 } from "@/lib/flows/start-flow";
import type { EnvelopeCtx } from "./context";
import { fullName, queueSmsCode } from "./mail";
import { lockSigner, type SignerInput } from "./sign-workstep";

// Access code and SMS code: alternatives to an OAuth provider (any one chosen method suffices).
// Wrong codes count; after MAX_ATTEMPTS the recipient is locked until the sender resends.

export const MAX_ATTEMPTS = 5;
const SMS_TTL_MS = 10 * 60 * 1000;
const SMS_RESEND_MS = 60 * 1000;

const smsHash = (ctx: EnvelopeCtx, recipientId: string, code: string) => createHmac("sha256", ctx.config.encryptionKey).update(`sms:${recipientId}:${code}`).digest("base64url");
const who = (r: RecipientRow) => ({ envelopeId: r.envelopeId, recipientId: r.id, actorLabel: fullName(r) || r.email });

async function authenticate(tx: Tx, ctx: EnvelopeCtx, r: RecipientRow, method: "accessCode" | "sms", browserToken: string) {
  await tx.update(recipients).set({ authMethod: method, authenticatedAt: sql`now()`, authBrowserHash: sha256(browserToken), codeAttempts: 0, smsCodeHash: null, lastAuthError: null }).where(eq(recipients.id, r.id));
  await emitAudit(tx, ctx, { ...who(r), action: "CodeAuthenticationSuccess", data: { method } });
}

async function refuse(tx: Tx, ctx: EnvelopeCtx, r: RecipientRow, method: "accessCode" | "sms", reason: string): Promise<false> {
  await tx.update(recipients).set({ codeAttempts: sql`${recipients.codeAttempts} + 1`, lastAuthError: `${method}: ${reason}` }).where(eq(recipients.id, r.id));
  await emitAudit(tx, ctx, { ...who(r), action: "AuthenticationFailed", data: { method, step: method === "sms" ? "sms_code" : "access_code", reason } });
  return false;
}

/** Checks the access code; true = this browser is now authenticated for the recipient. */
export async function verifyAccessCode(ctx: EnvelopeCtx, input: SignerInput & { code: string; browserToken: string }): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const r = await lockSigner(tx, input, { authenticated: false });
    if (!r.auth.accessCodeHash) throw new AppError("conflict", "No access code is set for this recipient");
    if (r.codeAttempts >= MAX_ATTEMPTS) throw new AppError("rate_limited", "Too many wrong codes. Ask the sender to send the envelope again.");
    if (!(await verifyPassword(r.auth.accessCodeHash, input.code.trim()))) return refuse(tx, ctx, r, "accessCode", "wrong access code");
    await authenticate(tx, ctx, r, "accessCode", input.browserToken);
    return true;
  });
}

/** Sends a fresh 6-digit code to the recipient's phone (the outbox here); at most one a minute. */
export async function sendSmsCode(ctx: EnvelopeCtx, input: SignerInput): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const r = await lockSigner(tx, input, { authenticated: false });
    if (!r.auth.sms || !r.phone) throw new AppError("conflict", "No SMS code is set for this recipient");
    if (r.smsCodeExpiresAt && r.smsCodeExpiresAt.getTime() - SMS_TTL_MS + SMS_RESEND_MS > Date.now()) throw new AppError("rate_limited", "A code was sent less than a minute ago");
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    await tx.update(recipients).set({ smsCodeHash: smsHash(ctx, r.id, code), smsCodeExpiresAt: new Date(Date.now() + SMS_TTL_MS) }).where(eq(recipients.id, r.id));
    const [e] = await tx.select({ name: envelopes.name }).from(envelopes).where(eq(envelopes.id, r.envelopeId));
    await queueSmsCode(tx, r.phone, e?.name ?? "", code);
  });
}

export async function verifySmsCode(ctx: EnvelopeCtx, input: SignerInput & { code: string; browserToken: string }): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const r = await lockSigner(tx, input, { authenticated: false });
    if (!r.auth.sms) throw new AppError("conflict", "No SMS code is set for this recipient");
    if (r.codeAttempts >= MAX_ATTEMPTS) throw new AppError("rate_limited", "Too many wrong codes. Ask the sender to send the envelope again.");
    if (!r.smsCodeHash || !r.smsCodeExpiresAt || r.smsCodeExpiresAt.getTime() < Date.now()) return refuse(tx, ctx, r, "sms", "no valid code was sent, or it expired");
    const given = Buffer.from(smsHash(ctx, r.id, input.code.trim()));
    if (!timingSafeEqual(given, Buffer.from(r.smsCodeHash))) return refuse(tx, ctx, r, "sms", "wrong SMS code");
    await authenticate(tx, ctx, r, "sms", input.browserToken);
    return true;
  });
}
