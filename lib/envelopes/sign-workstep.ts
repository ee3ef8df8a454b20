import { and, eq, isNull, sql } from "drizzle-orm";
import { envelopes, recipients, signatureFields, type RecipientRow } from "@/db/schema";
import type { Tx } from "@/db/client";
import { emitAudit, emitAuditBatch } from "@/lib/audit/emit-audit";
import { hashLinkToken, isLinkTokenShape } from "@/lib/bindings/link-token";
import { AppError } from "@/lib/errors";
import { advanceEnvelope } from "./advance-envelope";
import { isExpired } from "./expiry";
import type { EnvelopeCtx } from "./context";
import { holdsAuthentication, requiresAuthentication } from "./find-signing";
import { fullName } from "./mail";
import { checkSignature, type SignatureInput } from "./signature-input";

export type SignerInput = { token: string; browserToken: string | null | undefined };

/** The recipient of a live signing link, locked for this transaction; refuses what this link may no longer do. */
export async function lockSigner(
  tx: Tx,
  input: SignerInput,
  opts: { authenticated: boolean } = { authenticated: true },
): Promise<RecipientRow> {
  if (!isLinkTokenShape(input.token)) throw new AppError("not_found", "This signing link is not valid");
  const [r] = (await tx
    .select()
    .from(recipients)
    .where(eq(recipients.linkTokenHash, hashLinkToken(input.token)))
    .for("update")) as RecipientRow[];
  if (!r || r.role !== "signer") throw new AppError("not_found", "This signing link is not valid");
  const [e] = await tx
    .select({ status: envelopes.status, expiresAt: envelopes.expiresAt })
    .from(envelopes)
    .where(eq(envelopes.id, r.envelopeId));
  if (r.status === "signed") throw new AppError("conflict", "You have already signed this document");
  // An authenticated state (of any method) is worth nothing once the envelope has expired.
  if (e && isExpired(e)) throw new AppError("conflict", "This envelope has expired and can no longer be signed");
  if (e?.status !== "sent" || r.status !== "invited")
    throw new AppError("conflict", "This document cannot be signed now");
  if (r.linkExpiresAt && r.linkExpiresAt.getTime() < Date.now())
    throw new AppError("conflict", "This signing link has expired");
  if (opts.authenticated && requiresAuthentication(r) && !holdsAuthentication(r, input.browserToken))
    throw new AppError("forbidden", "Authenticate first");
  return r;
}

const who = (r: RecipientRow) => ({ envelopeId: r.envelopeId, recipientId: r.id, actorLabel: fullName(r) || r.email });

export async function acceptAgreement(ctx: EnvelopeCtx, input: SignerInput): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const r = await lockSigner(tx, input);
    if (r.agreementAcceptedAt) return;
    await tx
      .update(recipients)
      .set({ agreementAcceptedAt: sql`now()` })
      .where(eq(recipients.id, r.id));
    await emitAudit(tx, ctx, { ...who(r), action: "AgreementAccepted", data: {} });
  });
}

/**
 * Signs one of the recipient's signature fields (after the agreement) as the field allows: a
 * click, a drawn PNG or a typed name; stores what was given and the signer's address.
 */
export async function signField(
  ctx: EnvelopeCtx,
  input: SignerInput & { fieldId: string; signature?: SignatureInput },
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    if (!/^[0-9a-f-]{36}$/i.test(input.fieldId)) throw new AppError("not_found", "No such signature field");
    const r = await lockSigner(tx, input);
    if (!r.agreementAcceptedAt) throw new AppError("conflict", "Accept the agreement first");
    const [open] = await tx
      .select({ allowedTypes: signatureFields.allowedTypes, signedAt: signatureFields.signedAt })
      .from(signatureFields)
      .where(and(eq(signatureFields.id, input.fieldId), eq(signatureFields.recipientId, r.id)));
    if (!open) throw new AppError("not_found", "No such signature field");
    if (open.signedAt) return;
    const given = await checkSignature(input.signature ?? { type: "Click2Sign" }, open.allowedTypes);
    const [field] = await tx
      .update(signatureFields)
      .set({
        signedAt: sql`now()`,
        signatureType: given.type,
        signatureImage: given.image,
        typedText: given.text,
        signedIp: ctx.ip,
      })
      .where(
        and(
          eq(signatureFields.id, input.fieldId),
          eq(signatureFields.recipientId, r.id),
          isNull(signatureFields.signedAt),
        ),
      )
      .returning();
    if (!field) return;
    await emitAuditBatch(tx, ctx, [
      { ...who(r), action: "PageViewChanged", data: { page: field.page } },
      { ...who(r), action: "SignWorkstepDocument", data: { field: field.label, signatureType: given.type } },
    ]);
  });
}

/**
 * Finishes the workstep: every field signed → the recipient has signed, their authenticated
 * state is dropped (it cannot be reused, from this browser or another), the next signers are
 * invited or the envelope completes.
 */
export async function finishWorkstep(ctx: EnvelopeCtx, input: SignerInput): Promise<{ completed: boolean }> {
  return ctx.db.transaction(async (tx) => {
    const r = await lockSigner(tx, input);
    const open = await tx
      .select({ id: signatureFields.id })
      .from(signatureFields)
      .where(and(eq(signatureFields.recipientId, r.id), isNull(signatureFields.signedAt)));
    if (!r.agreementAcceptedAt || open.length)
      throw new AppError("conflict", "Accept the agreement and sign every signature field first");
    await tx
      .update(recipients)
      .set({ status: "signed", signedAt: sql`now()`, authBrowserHash: null })
      .where(eq(recipients.id, r.id));
    await emitAudit(tx, ctx, { ...who(r), action: "WorkstepFinished", data: {} });
    const advance = await advanceEnvelope(tx, ctx, r.envelopeId);
    return { completed: advance.completed };
  });
}
