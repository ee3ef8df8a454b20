import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { recipients, type RecipientRow } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { emitAudit } from "@/lib/audit/emit-audit";
import { fullName } from "./mail";

/** At most one CalledPage row per recipient in this time: reloads and polling do not flood the trail. */
export const PAGE_CALL_INTERVAL_SECONDS = 60;

/**
 * The seed's CalledPage row: the signer opened the signing page. Claimed with a conditional update
 * of the recipient's lastPageCallAt, so parallel requests (and every app instance) write one row
 * per interval; the claim and the row commit together.
 */
export async function recordPageCall(ctx: Pick<Ctx, "db" | "actor" | "ip">, r: RecipientRow): Promise<boolean> {
  // The row the page just read already says a call was recorded within the interval: no
  // transaction (a reload, the page after authentication). The claim below decides the rest.
  if (r.lastPageCallAt && Date.now() - r.lastPageCallAt.getTime() < PAGE_CALL_INTERVAL_SECONDS * 1000) return false;
  return ctx.db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(recipients)
      .set({ lastPageCallAt: sql`now()` })
      .where(
        and(
          eq(recipients.id, r.id),
          or(
            isNull(recipients.lastPageCallAt),
            lt(recipients.lastPageCallAt, sql`now() - make_interval(secs => ${PAGE_CALL_INTERVAL_SECONDS})`),
          ),
        ),
      )
      .returning({ id: recipients.id });
    if (!claimed) return false;
    await emitAudit(tx, ctx, {
      action: "CalledPage",
      envelopeId: r.envelopeId,
      recipientId: r.id,
      actorLabel: fullName(r) || r.email,
      data: { page: "Signer Auth signing page", language: r.languageCode },
    });
    return true;
  });
}
