import { and, eq, sql } from "drizzle-orm";
import { envelopes, recipients, sealJobs, type EnvelopeRow } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { emitAudit } from "@/lib/audit/emit-audit";
import { hashLinkToken, newLinkToken } from "@/lib/bindings/link-token";
import type { EnvelopeCtx } from "./context";
import { queueCompletedMails, queueSignerInvitation } from "./mail";

export type Advance = { invited: string[]; completed: boolean };

/**
 * Moves a sent envelope on, in the caller's transaction: the signers of the lowest step that has
 * not signed yet are invited (a fresh signing link each, mailed); when every signer has signed,
 * the envelope is completed, audited, and the sender and Cc recipients are told.
 * The envelope row is locked first, so two signers finishing at once cannot both complete it.
 */
export async function advanceEnvelope(tx: Db | Tx, ctx: EnvelopeCtx, envelopeId: string): Promise<Advance> {
  const [envelope] = (await tx
    .select()
    .from(envelopes)
    .where(eq(envelopes.id, envelopeId))
    .for("update")) as EnvelopeRow[];
  if (!envelope || envelope.status !== "sent") return { invited: [], completed: false };
  const all = await tx
    .select()
    .from(recipients)
    .where(eq(recipients.envelopeId, envelopeId))
    .orderBy(recipients.orderIndex);
  const open = all.filter((r) => r.role === "signer" && r.status !== "signed");
  if (open.length === 0) {
    await tx
      .update(envelopes)
      .set({ status: "completed", completedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(envelopes.id, envelopeId));
    await emitAudit(tx, ctx, { action: "EnvelopeCompleted", envelopeId, data: {} });
    // The sealed documents are made by the seal worker (lib/sealing/seal-jobs.ts), from this queued job.
    await tx.insert(sealJobs).values({ envelopeId }).onConflictDoNothing();
    const ccs = all.filter((r) => r.role === "cc");
    await queueCompletedMails(tx, ctx, envelope, ccs);
    if (ccs.length)
      await tx
        .update(recipients)
        .set({ status: "notified" })
        .where(and(eq(recipients.envelopeId, envelopeId), eq(recipients.role, "cc")));
    return { invited: [], completed: true };
  }
  const step = open[0]!.orderIndex;
  const invited: string[] = [];
  for (const r of open.filter((o) => o.orderIndex === step && o.status === "pending")) {
    const token = newLinkToken();
    await tx
      .update(recipients)
      .set({
        status: "invited",
        linkTokenHash: hashLinkToken(token),
        linkExpiresAt: envelope.expiresAt,
        invitedAt: sql`now()`,
      })
      .where(eq(recipients.id, r.id));
    await queueSignerInvitation(tx, ctx, envelope, r, token);
    invited.push(r.id);
  }
  return { invited, completed: false };
}
