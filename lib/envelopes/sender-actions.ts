import { and, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { envelopes, recipients, type EnvelopeRow, type RecipientRow } from "@/db/schema";
import type { Tx } from "@/db/client";
import { emitAudit } from "@/lib/audit/emit-audit";
import { hashLinkToken, newLinkToken } from "@/lib/bindings/link-token";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/validation/uuid";
import { MAX_ATTEMPTS } from "./code-authentication";
import type { EnvelopeCtx } from "./context";
import { isExpired } from "./expiry";
import { queueSignerInvitation } from "./mail";
import { MAX_EXPIRATION_SECONDS } from "./schema";

// The sender's actions on a sent envelope: resend a recipient's invitation (a new link; the old
// one stops working), unlock a recipient locked after too many wrong codes, extend the expiry.
// Who may act: whoever may read the envelope (getEnvelope's rule: the sender, or who sees all)
// and sends envelopes (the routes check send_envelopes). Each action runs in one transaction
// with its audit row; no link token or code reaches the trail.
//
// Lock order as the signer's own steps (finishWorkstep): recipient rows first, then the envelope.

export type Viewer = { userId: string; seeAll: boolean };

const notFound = () => new AppError("not_found", "No envelope with this id");

/** The envelope if this viewer may act on it (404 otherwise, as getEnvelope answers), not locked yet. */
export async function visibleEnvelope(tx: Tx, id: string, viewer: Viewer): Promise<EnvelopeRow> {
  if (!isUuid(id)) throw notFound();
  const [e] = await tx.select().from(envelopes).where(eq(envelopes.id, id));
  if (!e || (!viewer.seeAll && e.senderUserId !== viewer.userId)) throw notFound();
  return e;
}

export async function lockEnvelope(tx: Tx, id: string): Promise<EnvelopeRow> {
  const [e] = (await tx.select().from(envelopes).where(eq(envelopes.id, id)).for("update")) as EnvelopeRow[];
  if (!e) throw notFound();
  return e;
}

/** The recipient (of this envelope) and then the envelope, both locked. */
async function lockRecipient(
  tx: Tx,
  envelopeId: string,
  recipientId: string,
  viewer: Viewer,
): Promise<{ e: EnvelopeRow; r: RecipientRow }> {
  await visibleEnvelope(tx, envelopeId, viewer);
  if (!isUuid(recipientId)) throw new AppError("not_found", "No recipient with this id in this envelope");
  const [r] = (await tx
    .select()
    .from(recipients)
    .where(and(eq(recipients.id, recipientId), eq(recipients.envelopeId, envelopeId)))
    .for("update")) as RecipientRow[];
  if (!r) throw new AppError("not_found", "No recipient with this id in this envelope");
  return { e: await lockEnvelope(tx, envelopeId), r };
}

function refuseStatus(e: EnvelopeRow, what: string) {
  if (e.status === "completed") throw new AppError("conflict", `The envelope is completed: nothing to ${what}`);
  if (e.status === "draft") throw new AppError("conflict", "The envelope has not been sent yet");
  if (e.status === "canceled") throw new AppError("conflict", "The envelope was canceled");
}

/** One sender action on one recipient: both rows locked, the envelope's state checked, in one transaction. */
async function actOnRecipient(
  ctx: EnvelopeCtx,
  viewer: Viewer,
  envelopeId: string,
  recipientId: string,
  what: string,
  act: (tx: Tx, e: EnvelopeRow, r: RecipientRow) => Promise<void>,
): Promise<{ RecipientId: string }> {
  return ctx.db.transaction(async (tx) => {
    const { e, r } = await lockRecipient(tx, envelopeId, recipientId, viewer);
    refuseStatus(e, what);
    await act(tx, e, r);
    return { RecipientId: r.id };
  });
}

/** A new signing link for a signer whose turn it is and who has not signed; mailed with the signer invitation. */
export const resendInvitation = (ctx: EnvelopeCtx, viewer: Viewer, envelopeId: string, recipientId: string) =>
  actOnRecipient(ctx, viewer, envelopeId, recipientId, "resend", async (tx, e, r) => {
    if (isExpired(e)) throw new AppError("conflict", "The envelope has expired: extend it first");
    if (r.role !== "signer") throw new AppError("conflict", "Only signers receive a signing link");
    if (r.status === "signed") throw new AppError("conflict", "This recipient has already signed");
    if (r.status !== "invited")
      throw new AppError(
        "conflict",
        "This recipient's turn has not come yet: the invitation goes out when the earlier steps are signed",
      );
    const token = newLinkToken();
    await tx
      .update(recipients)
      .set({ linkTokenHash: hashLinkToken(token), linkExpiresAt: e.expiresAt, invitedAt: sql`now()` })
      .where(eq(recipients.id, r.id));
    await queueSignerInvitation(tx, ctx, e, r, token);
    await emitAudit(tx, ctx, {
      action: "InvitationResent",
      envelopeId,
      recipientId: r.id,
      data: { recipientId: r.id, email: r.email },
    });
  });

/** Resets the wrong-code count of a locked recipient (and drops a pending SMS code). */
export const unlockRecipient = (ctx: EnvelopeCtx, viewer: Viewer, envelopeId: string, recipientId: string) =>
  actOnRecipient(ctx, viewer, envelopeId, recipientId, "unlock", async (tx, _e, r) => {
    if (r.status === "signed") throw new AppError("conflict", "This recipient has already signed");
    if (r.codeAttempts < MAX_ATTEMPTS) throw new AppError("conflict", "This recipient is not locked");
    await tx
      .update(recipients)
      .set({ codeAttempts: 0, smsCodeHash: null, smsCodeExpiresAt: null, lastAuthError: null })
      .where(eq(recipients.id, r.id));
    await emitAudit(tx, ctx, {
      action: "RecipientUnlocked",
      envelopeId,
      recipientId: r.id,
      data: { recipientId: r.id, email: r.email, attempts: r.codeAttempts },
    });
  });

const MAX_AHEAD_MS = MAX_EXPIRATION_SECONDS * 1000;

/**
 * POST /api/v6/envelope/<id>/extend: `{ "ExpiresAt": "2026-12-24T12:00:00Z" }`, an ISO 8601 date
 * with an offset, in the future and at most 365 days from now.
 */
export const ZExtendEnvelopeRequest = z
  .object({
    ExpiresAt: z.iso
      .datetime({ offset: true, message: "An ISO 8601 date and time with an offset, e.g. 2026-12-24T12:00:00Z" })
      .refine((v) => new Date(v).getTime() > Date.now(), "Must be in the future")
      .refine((v) => new Date(v).getTime() <= Date.now() + MAX_AHEAD_MS, "At most 365 days from now"),
  })
  .strict();
export type TExtendEnvelopeRequest = z.infer<typeof ZExtendEnvelopeRequest>;

/** A new expiry date for a sent or expired envelope: an expired one is sent again; the open signing links live as long. */
export async function extendEnvelope(
  ctx: EnvelopeCtx,
  viewer: Viewer,
  envelopeId: string,
  input: TExtendEnvelopeRequest,
): Promise<{ EnvelopeId: string; ExpiresAt: string }> {
  const expiresAt = new Date(input.ExpiresAt);
  return ctx.db.transaction(async (tx) => {
    await visibleEnvelope(tx, envelopeId, viewer);
    await tx.select({ id: recipients.id }).from(recipients).where(eq(recipients.envelopeId, envelopeId)).for("update");
    const e = await lockEnvelope(tx, envelopeId);
    refuseStatus(e, "extend");
    if (expiresAt.getTime() <= Date.now())
      throw new AppError("validation_failed", "The request is not valid", [
        { path: "$.ExpiresAt", message: "Must be in the future" },
      ]);
    if (e.expiresAt && expiresAt.getTime() <= e.expiresAt.getTime()) {
      throw new AppError("validation_failed", "The request is not valid", [
        { path: "$.ExpiresAt", message: `Must be later than the current expiry (${e.expiresAt.toISOString()})` },
      ]);
    }
    const revived = isExpired(e);
    await tx
      .update(envelopes)
      .set({
        status: "sent",
        expiresAt,
        // ExpirationInSecondsAfterSending keeps reading as ExpiresAt - SentAt.
        ...(e.sentAt ? { expirationSeconds: Math.round((expiresAt.getTime() - e.sentAt.getTime()) / 1000) } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(envelopes.id, envelopeId));
    await tx
      .update(recipients)
      .set({ linkExpiresAt: expiresAt })
      .where(and(eq(recipients.envelopeId, envelopeId), ne(recipients.status, "signed")));
    await emitAudit(tx, ctx, {
      action: "EnvelopeExtended",
      envelopeId,
      data: { from: e.expiresAt?.toISOString() ?? null, to: expiresAt.toISOString(), revived },
    });
    return { EnvelopeId: envelopeId, ExpiresAt: expiresAt.toISOString() };
  });
}
