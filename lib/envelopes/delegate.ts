import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { envelopes, recipients, signatureFields, type EnvelopeRow, type RecipientRow } from "@/db/schema";
import { emitAudit } from "@/lib/audit/emit-audit";
import { hashLinkToken, newLinkToken } from "@/lib/bindings/link-token";
import { AppError } from "@/lib/errors";
import type { EnvelopeCtx } from "./context";
import { fullName, queueSignerInvitation } from "./mail";
import { lockSigner, type SignerInput } from "./sign-workstep";

// The seed's AllowDelegation: a signer whose turn it is (authenticated) hands the signing over to
// another person. The delegate takes the signer's place in the step, with the same authentication
// methods (and the sender's filters), the same agreement, options and signature fields, and a
// signing link of their own; the delegating signer's link stops working. Audited.

export const ZDelegateInput = z.object({
  Email: z.string().trim().email("Enter a valid email address").max(320),
  FirstName: z.string().trim().max(200).default(""),
  LastName: z.string().trim().max(200).default(""),
});
export type TDelegateInput = z.input<typeof ZDelegateInput>;

export async function delegateWorkstep(
  ctx: EnvelopeCtx,
  input: SignerInput & { delegate: TDelegateInput },
): Promise<{ RecipientId: string }> {
  const parsed = ZDelegateInput.safeParse(input.delegate);
  if (!parsed.success)
    throw new AppError(
      "validation_failed",
      "The request is not valid",
      parsed.error.issues.map((i) => ({ path: `$.${i.path.join(".")}`, message: i.message })),
    );
  const d = parsed.data;
  return ctx.db.transaction(async (tx) => {
    const r = await lockSigner(tx, input);
    if (!r.options.allowDelegation)
      throw new AppError("forbidden", "The sender does not allow delegating this signing");
    if (d.Email.toLowerCase() === r.email.toLowerCase())
      throw new AppError("validation_failed", "The request is not valid", [
        { path: "$.Email", message: "Name another person" },
      ]);
    const [e] = (await tx
      .select()
      .from(envelopes)
      .where(eq(envelopes.id, r.envelopeId))
      .for("update")) as EnvelopeRow[];
    await tx
      .update(recipients)
      .set({ status: "delegated", linkTokenHash: null, authBrowserHash: null, sealedLink: null })
      .where(eq(recipients.id, r.id));
    const token = newLinkToken();
    const [delegate] = (await tx
      .insert(recipients)
      .values({
        envelopeId: r.envelopeId,
        orderIndex: r.orderIndex,
        role: "signer",
        email: d.Email,
        firstName: d.FirstName,
        lastName: d.LastName,
        phone: r.phone,
        languageCode: r.languageCode,
        auth: r.auth,
        agreement: r.agreement,
        options: { ...r.options, delegatedFrom: r.id },
        status: "invited",
        linkTokenHash: hashLinkToken(token),
        linkExpiresAt: e!.expiresAt,
        invitedAt: sql`now()`,
      })
      .returning()) as RecipientRow[];
    await tx
      .update(signatureFields)
      .set({ recipientId: delegate!.id, signedAt: null })
      .where(eq(signatureFields.recipientId, r.id));
    await queueSignerInvitation(tx, ctx, e!, delegate!, token);
    await emitAudit(tx, ctx, {
      action: "WorkstepDelegated",
      envelopeId: r.envelopeId,
      recipientId: r.id,
      actorLabel: fullName(r) || r.email,
      data: { from: r.email, to: d.Email, toRecipientId: delegate!.id },
    });
    return { RecipientId: delegate!.id };
  });
}
