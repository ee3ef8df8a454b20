import { eq, sql } from "drizzle-orm";
import { envelopeDocuments, envelopes, recipients, type EnvelopeRow } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/validation/uuid";
import type { EnvelopeCtx, Sender } from "./context";
import { checkContent, checkThenHash, writeContent } from "./create-envelope";
import type { SendEnvelopeRequest } from "./schema";
import { lifecycleColumns } from "./schema-lifecycle";

async function findOwnDraft(db: Db | Tx, sender: Sender, envelopeId: string, lock: boolean): Promise<void> {
  const query = db.select().from(envelopes).where(eq(envelopes.id, envelopeId));
  const [e] = (await (lock ? query.for("update") : query)) as EnvelopeRow[];
  if (!e || e.senderUserId !== sender.userId) throw new AppError("not_found", "No envelope with this id");
  if (e.status !== "draft") throw new AppError("conflict", `Only a draft can be changed; this envelope is ${e.status}`);
}

/**
 * PUT /api/v6/envelope/<id>: replaces a draft's content with a full SendEnvelopeDescription (the
 * body of send and draft). Only the sender's own drafts: anyone else's envelope is "not found",
 * a sent one a conflict. The draft row is locked first, so a send racing the edit sees either the
 * old or the new content, never half of it; one transaction, so a refused body changes nothing.
 * A draft has no audit trail yet (it starts when the envelope is sent).
 */
export async function updateDraft(
  ctx: EnvelopeCtx,
  sender: Sender,
  envelopeId: string,
  input: SendEnvelopeRequest,
): Promise<{ EnvelopeId: string }> {
  if (!isUuid(envelopeId)) throw new AppError("not_found", "No envelope with this id");
  // Someone else's or a sent envelope is refused before any access code is hashed, and again under the lock.
  await findOwnDraft(ctx.db, sender, envelopeId, false);
  const resolved = await checkThenHash(ctx.db, sender, input);
  return ctx.db.transaction(async (tx) => {
    await findOwnDraft(tx, sender, envelopeId, true);
    await checkContent(tx, sender, input, []);
    const d = input.SendEnvelopeDescription;
    await tx
      .update(envelopes)
      .set({
        name: d.Name,
        emailSubject: d.EmailSubject,
        emailBody: d.EmailBody,
        expirationSeconds: d.ExpirationInSecondsAfterSending,
        ...lifecycleColumns(d),
        updatedAt: sql`now()`,
      })
      .where(eq(envelopes.id, envelopeId));
    // Signature fields go with their recipients (on delete cascade).
    await tx.delete(recipients).where(eq(recipients.envelopeId, envelopeId));
    await tx.delete(envelopeDocuments).where(eq(envelopeDocuments.envelopeId, envelopeId));
    await writeContent(tx, envelopeId, input, resolved);
    return { EnvelopeId: envelopeId };
  });
}
