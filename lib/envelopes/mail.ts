import { eq, isNotNull } from "drizzle-orm";
import { recipients, sealedDownloadLinks, type EnvelopeRow, type RecipientRow } from "@/db/schema";
import { needsReseal, open, seal } from "@/lib/crypto/secret-box";
import type { Db, Tx } from "@/db/client";
import { hashLinkToken, newLinkToken } from "@/lib/bindings/link-token";
import { queueMail, queueTemplateMail } from "@/lib/mail/outbox";
import { renderTemplate, type TemplateVars } from "@/lib/mail/templates";
import type { EnvelopeCtx } from "./context";
import { formatDateTime } from "@/lib/format/date";

const fullName = (r: { firstName: string; lastName: string }) => `${r.firstName} ${r.lastName}`.trim();

/**
 * Whether an envelope's EmailBody is a whole mail (seed 001's: "Dear #RecipientFirstName#
 * #RecipientLastName# … #PersonalMessage# … #ExpirationDate#") rather than a personal message
 * (the designer's "Message"): it places #PersonalMessage# or #Link#, or it has several lines and
 * its first greets the recipient by a name placeholder.
 */
export function isWholeMailBody(body: string): boolean {
  if (/#(PersonalMessage|Link)#/.test(body)) return true;
  const lines = body.trim().split("\n");
  return lines.length > 1 && /#Recipient(First|Last)Name#/.test(lines[0] ?? "");
}

/**
 * The signer invitation (Settings → Notification Templates), in the caller's transaction. The
 * envelope's own subject replaces the template's when set. Its EmailBody, when it is a whole
 * mail (isWholeMailBody), replaces the template's text (one greeting, not two), the signing link
 * added when it does not place #Link#; otherwise it is the personal message, which the template
 * places with #PersonalMessage# (or #Message#). Either may use every #Placeholder#.
 */
export async function queueSignerInvitation(
  tx: Db | Tx,
  ctx: EnvelopeCtx,
  envelope: EnvelopeRow,
  recipient: RecipientRow,
  token: string,
): Promise<void> {
  // DisableEmail: no mail; the sender reads the live link over REST (GET envelope), sealed to this row.
  if (recipient.options.disableEmail) {
    await tx
      .update(recipients)
      .set({ sealedLink: sealSigningLink(ctx, recipient.id, token) })
      .where(eq(recipients.id, recipient.id));
    return;
  }
  const vars: Omit<TemplateVars<"signer_invitation">, "Message" | "PersonalMessage"> = {
    RecipientFirstName: recipient.firstName,
    RecipientLastName: recipient.lastName,
    EnvelopeName: envelope.name,
    SenderName: envelope.displayedSender || envelope.senderName || envelope.senderEmail,
    Link: `${ctx.config.appUrl}/sign/${token}`,
    ExpirationDate: formatDateTime(envelope.expiresAt ?? new Date()),
  };
  const whole = isWholeMailBody(envelope.emailBody);
  // A personal message's own placeholders are filled first (it is not a template of its own).
  const message =
    envelope.emailBody && !whole
      ? renderTemplate({ subject: "", body: envelope.emailBody }, { ...vars, PersonalMessage: "", Message: "" }).text
      : "";
  // EmailBodyExtra (the step's, then the recipient's): this recipient's addition to the personal message.
  const extra = recipient.options.emailBodyExtra ?? "";
  const personal = [message, extra].filter(Boolean).join("\n\n");
  // A whole mail body without #PersonalMessage# still carries the recipient's EmailBodyExtra, before the link.
  const wholeBody =
    extra && !envelope.emailBody.includes("#PersonalMessage#")
      ? `${envelope.emailBody.trimEnd()}\n\n#PersonalMessage#`
      : envelope.emailBody;
  const body = whole
    ? wholeBody.includes("#Link#")
      ? wholeBody
      : `${wholeBody.trimEnd()}\n\nOpen the document:\n#Link#`
    : undefined;
  await queueTemplateMail(
    tx,
    ctx.config,
    recipient.email,
    "signer_invitation",
    { ...vars, PersonalMessage: personal, Message: personal },
    { subject: envelope.emailSubject, body },
  );
}

/** How long a signer's link to the sealed documents works. */
export const SEALED_LINK_DAYS = 30;

/**
 * "Envelope completed" to the sender (with the link to the envelope), to each Cc recipient, and
 * to each signer with a download link of their own for the sealed documents (only its hash kept).
 */
export async function queueCompletedMails(
  tx: Db | Tx,
  ctx: EnvelopeCtx,
  envelope: EnvelopeRow,
  ccs: RecipientRow[],
  signers: RecipientRow[] = [],
): Promise<void> {
  const [first = "", ...rest] = envelope.senderName.split(" ");
  await queueTemplateMail(tx, ctx.config, envelope.senderEmail, "envelope_completed", {
    RecipientFirstName: first,
    RecipientLastName: rest.join(" "),
    EnvelopeName: envelope.name,
    Link: `${ctx.config.appUrl}/documents/${envelope.id}`,
  });
  for (const cc of ccs) {
    await queueTemplateMail(tx, ctx.config, cc.email, "envelope_completed", {
      RecipientFirstName: cc.firstName,
      RecipientLastName: cc.lastName,
      EnvelopeName: envelope.name,
      Link: "",
    });
  }
  const expiresAt = new Date(Date.now() + SEALED_LINK_DAYS * 86_400_000);
  for (const signer of signers) {
    const token = newLinkToken();
    await tx
      .insert(sealedDownloadLinks)
      .values({ tokenHash: hashLinkToken(token), envelopeId: envelope.id, recipientId: signer.id, expiresAt });
    await queueTemplateMail(tx, ctx.config, signer.email, "signer_completed", {
      RecipientFirstName: signer.firstName,
      RecipientLastName: signer.lastName,
      EnvelopeName: envelope.name,
      Link: `${ctx.config.appUrl}/sealed/${token}`,
      ExpirationDate: formatDateTime(expiresAt),
    });
  }
}

/**
 * The SMS code. This instance has no SMS gateway: the message waits in the outbox as
 * `sms:<number>`, never sent by SMTP, the code sealed for a gateway (openOutboxMail) and
 * redacted in everything readable, so no administrator can read it and sign as the signer.
 */
export async function queueSmsCode(
  tx: Db | Tx,
  ctx: EnvelopeCtx,
  phone: string,
  envelopeName: string,
  code: string,
): Promise<void> {
  const text = `Your code for signing "${envelopeName}": ${code}. It expires in 10 minutes.`;
  await queueMail(tx, ctx.config, {
    to: `sms:${phone}`,
    template: "sms_code",
    content: { subject: "SMS code", text, html: "" },
    credentials: [code],
    status: "local",
  });
}

export { fullName };

const linkAad = (recipientId: string) => `recipients:${recipientId}:signing_link`;
const sealSigningLink = (ctx: EnvelopeCtx, recipientId: string, token: string) =>
  seal(`${ctx.config.appUrl}/sign/${token}`, ctx.config.encryptionKey, linkAad(recipientId));

/** Key rotation: DisableEmail recipients' kept signing links sealed again with `keys[0]`; how many were. */
export async function resealSigningLinks(tx: Tx, keys: Buffer[]): Promise<number> {
  const rows = await tx
    .select({ id: recipients.id, sealedLink: recipients.sealedLink })
    .from(recipients)
    .where(isNotNull(recipients.sealedLink))
    .for("update");
  let resealed = 0;
  for (const r of rows) {
    if (!r.sealedLink || !needsReseal(r.sealedLink, keys[0]!)) continue;
    const aad = linkAad(r.id);
    await tx
      .update(recipients)
      .set({ sealedLink: seal(open(r.sealedLink, keys, aad), keys[0]!, aad) })
      .where(eq(recipients.id, r.id));
    resealed++;
  }
  return resealed;
}

/** The signing link of a DisableEmail recipient, for the sender over REST; null when none or no key opens it. */
export function openSigningLink(row: Pick<RecipientRow, "id" | "sealedLink">, keys: Buffer[]): string | null {
  if (!row.sealedLink) return null;
  try {
    return open(row.sealedLink, keys, linkAad(row.id));
  } catch {
    return null;
  }
}
