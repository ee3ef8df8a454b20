import type { Ctx } from "@/lib/context";
import { emitAudit } from "@/lib/audit/emit-audit";
import type { RecipientRow } from "@/db/schema";
import { fullName } from "./mail";

/** The seed's CalledPage row: the signer opened the signing page. */
export async function recordPageCall(ctx: Pick<Ctx, "db" | "actor" | "ip">, r: RecipientRow): Promise<void> {
  await emitAudit(ctx.db, ctx, { action: "CalledPage", envelopeId: r.envelopeId, recipientId: r.id, actorLabel: fullName(r) || r.email, data: { page: "Signer Auth signing page", language: r.languageCode } });
}
