import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { envelopes, recipients, type EnvelopeRow, type RecipientRow } from "@/db/schema";
import { emitAudit } from "@/lib/audit/emit-audit";
import { queueStatusCallback } from "@/lib/callbacks/enqueue";
import { AppError } from "@/lib/errors";
import { queueTemplateMail } from "@/lib/mail/outbox";
import type { EnvelopeCtx } from "./context";
import { fullName } from "./mail";
import { lockEnvelope, visibleEnvelope, type Viewer } from "./sender-actions";
import { lockSigner, type SignerInput } from "./sign-workstep";

// The ends of an envelope that are not completion (README "The envelope's states"): the sender
// cancels a sent (or expired) envelope, a signer rejects it, a draft is deleted. Each in one
// transaction with its trail row, its mails and its status callback. The signing links stay
// hashed so that they can say why they no longer work (findSigning), but sign nothing.

/** `{ "Reason": "…" }`: POST /api/v6/envelope/<id>/cancel, and the signer's rejection. */
export const ZReasonRequest = z
  .object({ Reason: z.string().trim().min(1, "Give a reason").max(1000, "At most 1000 characters") })
  .strict();
export type TReasonRequest = z.infer<typeof ZReasonRequest>;

const open = (e: EnvelopeRow) => {
  if (e.status === "draft") throw new AppError("conflict", "A draft is not sent: delete it instead");
  if (e.status === "completed") throw new AppError("conflict", "The envelope is completed");
  if (e.status === "canceled") throw new AppError("conflict", "The envelope was canceled");
  if (e.status === "rejected") throw new AppError("conflict", "The envelope was rejected");
};

/** Sent or expired → canceled: the links stop working, the signers whose turn it was are told by mail. */
export async function cancelEnvelope(
  ctx: EnvelopeCtx,
  viewer: Viewer,
  envelopeId: string,
  input: TReasonRequest,
): Promise<{ EnvelopeId: string; Status: "canceled" }> {
  return ctx.db.transaction(async (tx) => {
    await visibleEnvelope(tx, envelopeId, viewer);
    // Recipient rows first, then the envelope: the signer's own steps lock in this order.
    const rows = (await tx
      .select()
      .from(recipients)
      .where(eq(recipients.envelopeId, envelopeId))
      .for("update")) as RecipientRow[];
    const e = await lockEnvelope(tx, envelopeId);
    open(e);
    await tx
      .update(envelopes)
      .set({ status: "canceled", endedAt: sql`now()`, endReason: input.Reason, updatedAt: sql`now()` })
      .where(eq(envelopes.id, envelopeId));
    const waiting = rows.filter((r) => r.role === "signer" && r.status === "invited");
    for (const r of waiting.filter((w) => !w.options.disableEmail))
      await queueTemplateMail(tx, ctx.config, r.email, "envelope_canceled", {
        RecipientFirstName: r.firstName,
        RecipientLastName: r.lastName,
        EnvelopeName: e.name,
        SenderName: e.senderName || e.senderEmail,
        Reason: input.Reason,
      });
    await emitAudit(tx, ctx, {
      action: "EnvelopeCanceled",
      envelopeId,
      data: { reason: input.Reason, notified: waiting.length },
    });
    await queueStatusCallback(tx, envelopeId, "canceled");
    return { EnvelopeId: envelopeId, Status: "canceled" as const };
  });
}

/** A signer whose turn it is, authenticated in this browser, rejects: the envelope is closed and the sender told. */
export async function rejectEnvelope(ctx: EnvelopeCtx, input: SignerInput & { reason: string }): Promise<void> {
  const parsed = ZReasonRequest.safeParse({ Reason: input.reason });
  if (!parsed.success)
    throw new AppError("validation_failed", "The request is not valid", [
      { path: "$.Reason", message: parsed.error.issues[0]!.message },
    ]);
  const { Reason } = parsed.data;
  await ctx.db.transaction(async (tx) => {
    const r = await lockSigner(tx, input);
    const e = await lockEnvelope(tx, r.envelopeId);
    open(e);
    await tx
      .update(recipients)
      .set({ status: "rejected", rejectedAt: sql`now()`, authBrowserHash: null })
      .where(eq(recipients.id, r.id));
    await tx
      .update(envelopes)
      .set({ status: "rejected", endedAt: sql`now()`, endReason: Reason, updatedAt: sql`now()` })
      .where(and(eq(envelopes.id, e.id), eq(envelopes.status, "sent")));
    const [first = "", ...rest] = e.senderName.split(" ");
    await queueTemplateMail(tx, ctx.config, e.senderEmail, "envelope_rejected", {
      RecipientFirstName: first,
      RecipientLastName: rest.join(" "),
      EnvelopeName: e.name,
      SignerName: fullName(r) || r.email,
      Reason,
      Link: `${ctx.config.appUrl}/documents/${e.id}`,
    });
    await emitAudit(tx, ctx, {
      action: "EnvelopeRejected",
      envelopeId: e.id,
      recipientId: r.id,
      actorLabel: fullName(r) || r.email,
      data: { reason: Reason },
    });
    await queueStatusCallback(tx, e.id, "rejected", r);
  });
}

/** DELETE /api/v6/envelope/<id>: a draft goes (its documents stay the sender's uploads); a sent envelope never does, its trail stays. */
export async function deleteDraft(ctx: EnvelopeCtx, viewer: Viewer, envelopeId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await visibleEnvelope(tx, envelopeId, viewer);
    const e = await lockEnvelope(tx, envelopeId);
    if (e.status !== "draft")
      throw new AppError("conflict", "Only a draft can be deleted: a sent envelope and its audit trail stay");
    await tx.delete(envelopes).where(eq(envelopes.id, envelopeId));
  });
}
