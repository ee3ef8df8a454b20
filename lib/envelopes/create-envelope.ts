import { and, eq, inArray, sql } from "drizzle-orm";
import { envelopeDocuments, envelopes, files, recipients, signatureFields } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { emitAuditBatch } from "@/lib/audit/emit-audit";
import { queueStatusCallback } from "@/lib/callbacks/enqueue";
import { AppError } from "@/lib/errors";
import { advanceEnvelope } from "./advance-envelope";
import { toCertificateData } from "./disposable-certificate";
import type { EnvelopeCtx, Sender } from "./context";
import { hashAccessCodes, resolveRecipients, type Issue, type ResolvedRecipient } from "./resolve-auth";
import { signatureTasksOf, signatureTypesOf, type SendEnvelopeRequest } from "./schema";
import { lifecycleColumns, recipientOptions, stepAgreement } from "./schema-lifecycle";

// A signer without a placed field still gets one: bottom left of the first page (PDF units).
const DEFAULT_FIELD = { docRef: 1, page: 1, x: 72, y: 72, width: 190, height: 80 };

/** Checks what the request names beyond its shape (the sender's own files, task pages); adds each problem to `issues`, then throws them all. */
export async function checkContent(
  tx: Db | Tx,
  sender: Sender,
  input: SendEnvelopeRequest,
  issues: Issue[],
): Promise<void> {
  const found = await tx
    .select({ id: files.id, pages: files.pages })
    .from(files)
    .where(and(inArray(files.id, input.SspFileIds), eq(files.ownerUserId, sender.userId)));
  input.SspFileIds.forEach((id, i) => {
    if (!found.some((f) => f.id === id))
      issues.push({ path: `$.SspFileIds[${i}]`, message: "No file you uploaded has this id" });
  });
  input.SendEnvelopeDescription.Steps.forEach((s, i) => {
    signatureTasksOf(s).forEach((t) => {
      const file = found.find((f) => f.id === input.SspFileIds[t.DocRefNumber - 1]);
      if (t.DocRefNumber > input.SspFileIds.length)
        issues.push({
          path: `$.SendEnvelopeDescription.Steps[${i}].WorkstepConfiguration`,
          message: `A signature task names document ${t.DocRefNumber}, but ${input.SspFileIds.length} were given`,
        });
      else if (file && t.PositionPage! > Math.max(file.pages.length, 1))
        issues.push({
          path: `$.SendEnvelopeDescription.Steps[${i}].WorkstepConfiguration`,
          message: `A signature task is on page ${t.PositionPage}, the document has ${file.pages.length}`,
        });
    });
    s.DocumentOptions.forEach((o, j) => {
      if (o.DocumentReference > input.SspFileIds.length)
        issues.push({
          path: `$.SendEnvelopeDescription.Steps[${i}].DocumentOptions[${j}].DocumentReference`,
          message: `Names document ${o.DocumentReference}, but ${input.SspFileIds.length} were given`,
        });
    });
  });
  if (issues.length) throw new AppError("validation_failed", "The request is not valid", issues);
}

/** The envelope's documents, recipients in step order with their authentication, and signature fields. */
export async function writeContent(
  tx: Db | Tx,
  envelopeId: string,
  input: SendEnvelopeRequest,
  resolved: ResolvedRecipient[][],
): Promise<void> {
  await tx
    .insert(envelopeDocuments)
    .values(input.SspFileIds.map((fileId, i) => ({ envelopeId, docRef: i + 1, fileId })));
  const steps = input.SendEnvelopeDescription.Steps.map((s, i) => ({ s, i })).sort(
    (a, b) => a.s.OrderIndex - b.s.OrderIndex,
  );
  for (const { s, i } of steps) {
    for (const [ri, r] of s.Recipients.entries()) {
      const { auth, phone } = resolved[i]![ri]!;
      const role = s.RecipientType === "Cc" ? ("cc" as const) : ("signer" as const);
      const [row] = await tx
        .insert(recipients)
        .values({
          envelopeId,
          orderIndex: s.OrderIndex,
          role,
          email: r.Email,
          firstName: r.FirstName,
          lastName: r.LastName,
          phone,
          languageCode: r.LanguageCode,
          certificate: toCertificateData(r.DisposableCertificate),
          auth,
          status: "pending",
          agreement: stepAgreement(s),
          options: recipientOptions(s, r),
        })
        .returning({ id: recipients.id });
      if (role === "cc") continue;
      const tasks = signatureTasksOf(s);
      const fields = tasks.length
        ? tasks.map((t) => ({
            docRef: t.DocRefNumber,
            page: t.PositionPage!,
            x: t.Position!.PositionX,
            y: t.Position!.PositionY,
            width: t.Size?.Width ?? 190,
            height: t.Size?.Height ?? 80,
            label: t.DisplayName || "Signature",
            ...signatureTypesOf(t),
          }))
        : [DEFAULT_FIELD];
      await tx.insert(signatureFields).values(fields.map((f) => ({ ...f, envelopeId, recipientId: row!.id })));
    }
  }
}

/**
 * Checks everything a request names (providers, phones, files, pages) and throws every problem
 * at once; only a request that passes gets its access codes hashed. So a refused request costs
 * no argon2 hash, and an accepted one at most MAX_RECIPIENTS (the schema's caps).
 */
export async function checkThenHash(
  db: Db | Tx,
  sender: Sender,
  input: SendEnvelopeRequest,
): Promise<ResolvedRecipient[][]> {
  const { issues, resolved } = await resolveRecipients(db, input);
  await checkContent(db, sender, input, issues);
  return hashAccessCodes(resolved);
}

/**
 * Creates an envelope from the seed's SendEnvelopeDescription: documents, recipients in step
 * order with their authentication, signature fields; then, unless it is a draft, sends it.
 * One transaction: a problem anywhere leaves nothing behind.
 */
export async function createEnvelope(
  ctx: EnvelopeCtx,
  sender: Sender,
  input: SendEnvelopeRequest,
  mode: "send" | "draft",
): Promise<{ EnvelopeId: string }> {
  const resolved = await checkThenHash(ctx.db, sender, input);
  return ctx.db.transaction(async (tx) => {
    // Again inside the transaction: the files checked before hashing must still be there.
    await checkContent(tx, sender, input, []);
    const d = input.SendEnvelopeDescription;
    const [envelope] = await tx
      .insert(envelopes)
      .values({
        name: d.Name,
        emailSubject: d.EmailSubject,
        emailBody: d.EmailBody,
        status: "draft",
        senderUserId: sender.userId,
        senderEmail: sender.email,
        senderName: sender.name,
        expirationSeconds: d.ExpirationInSecondsAfterSending,
        ...lifecycleColumns(d),
      })
      .returning();
    await writeContent(tx, envelope!.id, input, resolved);
    if (mode === "send") await sendInTx(tx, ctx, envelope!.id);
    return { EnvelopeId: envelope!.id };
  });
}

/** Draft → sent: the workstep rows in the trail, EnvelopeSent, and the first signers invited. */
export async function sendInTx(tx: Db | Tx, ctx: EnvelopeCtx, envelopeId: string): Promise<void> {
  const [envelope] = await tx
    .update(envelopes)
    .set({
      status: "sent",
      sentAt: sql`now()`,
      updatedAt: sql`now()`,
      expiresAt: sql`now() + make_interval(secs => ${envelopes.expirationSeconds})`,
    })
    .where(and(eq(envelopes.id, envelopeId), eq(envelopes.status, "draft")))
    .returning();
  if (!envelope) throw new AppError("conflict", "Only a draft can be sent");
  const rows = await tx
    .select()
    .from(recipients)
    .where(eq(recipients.envelopeId, envelopeId))
    .orderBy(recipients.orderIndex);
  await emitAuditBatch(tx, ctx, [
    ...rows
      .filter((r) => r.role === "signer")
      .map((r) => ({ action: "WorkstepCreated" as const, envelopeId, recipientId: r.id, data: {} })),
    { action: "EnvelopeSent", envelopeId, data: { name: envelope.name, recipients: rows.length } },
  ]);
  await queueStatusCallback(tx, envelopeId, "sent");
  await advanceEnvelope(tx, ctx, envelopeId);
}

/** SEND on a saved draft. */
export async function sendDraft(ctx: EnvelopeCtx, sender: Sender, envelopeId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ sender: envelopes.senderUserId })
      .from(envelopes)
      .where(eq(envelopes.id, envelopeId));
    if (!row || row.sender !== sender.userId) throw new AppError("not_found", "No envelope with this id");
    await sendInTx(tx, ctx, envelopeId);
  });
}
