import { and, eq, lte, sql } from "drizzle-orm";
import { envelopes, type EnvelopeRow } from "@/db/schema";
import { emitAudit } from "@/lib/audit/emit-audit";
import { queueStatusCallback } from "@/lib/callbacks/enqueue";
import type { Ctx } from "@/lib/context";

// An envelope expires ExpirationInSecondsAfterSending after it was sent (seed 001; default 28
// days). Expiry is computed on every read, so no job has to run for it to hold: a sent envelope
// past its expiresAt is "expired" everywhere (details, list, REST, signing links, actions). The
// first signer access after that also records it (status + EnvelopeExpired in the trail).

type Expirable = Pick<EnvelopeRow, "status" | "expiresAt">;

export const isExpired = (e: Expirable, now = Date.now()) =>
  e.status === "expired" || (e.status === "sent" && e.expiresAt !== null && e.expiresAt.getTime() <= now);

/** The status as people see it. */
export const effectiveStatus = (e: Expirable, now = Date.now()): EnvelopeRow["status"] =>
  isExpired(e, now) ? "expired" : e.status;

/** Records a due expiry once (conditional update: concurrent callers cannot both audit it). */
export async function expireIfDue(ctx: Pick<Ctx, "db" | "actor" | "ip">, envelopeId: string): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(envelopes)
      .set({ status: "expired", updatedAt: sql`now()` })
      .where(and(eq(envelopes.id, envelopeId), eq(envelopes.status, "sent"), lte(envelopes.expiresAt, sql`now()`)))
      .returning({ expiresAt: envelopes.expiresAt });
    if (!row) return false;
    await emitAudit(tx, ctx, {
      action: "EnvelopeExpired",
      envelopeId,
      data: { expiredAt: row.expiresAt!.toISOString() },
    });
    await queueStatusCallback(tx, envelopeId, "expired");
    return true;
  });
}
