import { eq, sql } from "drizzle-orm";
import { envelopeDocuments, envelopes, recipients, type EnvelopeRow } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { EnvelopeCtx, Sender } from "./context";
import { checkContent, writeContent } from "./create-envelope";
import { resolveRecipients } from "./resolve-auth";
import type { SendEnvelopeRequest } from "./schema";

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/**
 * PUT /api/v6/envelope/<id>: replaces a draft's content with a full SendEnvelopeDescription (the
 * body of send and draft). Only the sender's own drafts: anyone else's envelope is "not found",
 * a sent one a conflict. The draft row is locked first, so a send racing the edit sees either the
 * old or the new content, never half of it; one transaction, so a refused body changes nothing.
 * A draft has no audit trail yet (it starts when the envelope is sent).
 */
export async function updateDraft(ctx: EnvelopeCtx, sender: Sender, envelopeId: string, input: SendEnvelopeRequest): Promise<{ EnvelopeId: string }> {
  if (!isUuid(envelopeId)) throw new AppError("not_found", "No envelope with this id");
  const { issues, resolved } = await resolveRecipients(ctx.db, input);
  return ctx.db.transaction(async (tx) => {
    const [e] = (await tx.select().from(envelopes).where(eq(envelopes.id, envelopeId)).for("update")) as EnvelopeRow[];
    if (!e || e.senderUserId !== sender.userId) throw new AppError("not_found", "No envelope with this id");
    if (e.status !== "draft") throw new AppError("conflict", `Only a draft can be changed; this envelope is ${e.status}`);
    await checkContent(tx, sender, input, issues);
    const d = input.SendEnvelopeDescription;
    await tx
      .update(envelopes)
      .set({ name: d.Name, emailSubject: d.EmailSubject, emailBody: d.EmailBody, expirationSeconds: d.ExpirationInSecondsAfterSending, updatedAt: sql`now()` })
      .where(eq(envelopes.id, envelopeId));
    // Signature fields go with their recipients (on delete cascade).
    await tx.delete(recipients).where(eq(recipients.envelopeId, envelopeId));
    await tx.delete(envelopeDocuments).where(eq(envelopeDocuments.envelopeId, envelopeId));
    await writeContent(tx, envelopeId, input, resolved);
    return { EnvelopeId: envelopeId };
  });
}
