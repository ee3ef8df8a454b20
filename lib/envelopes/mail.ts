import { mailOutbox, type EnvelopeRow, type RecipientRow } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { loadTemplate } from "@/lib/mail/outbox";
import { renderTemplate, type TemplateKey } from "@/lib/mail/templates";
import type { EnvelopeCtx } from "./context";

const fullName = (r: { firstName: string; lastName: string }) => `${r.firstName} ${r.lastName}`.trim();

async function queue(tx: Db | Tx, ctx: EnvelopeCtx, to: string, key: TemplateKey, rendered: { subject: string; text: string; html: string }) {
  await tx.insert(mailOutbox).values({ toAddress: to, ...rendered, template: key, status: ctx.config.smtpUrl ? "queued" : "local" });
}

/**
 * The signer invitation (Settings → Notification Templates), in the caller's transaction. The
 * envelope's own subject replaces the template's when set; its message (which may use the same
 * #Placeholders#, as the seed's EmailBody does) fills #Message#.
 */
export async function queueSignerInvitation(tx: Db | Tx, ctx: EnvelopeCtx, envelope: EnvelopeRow, recipient: RecipientRow, token: string): Promise<void> {
  const vars: Record<string, string> = {
    RecipientFirstName: recipient.firstName,
    RecipientLastName: recipient.lastName,
    EnvelopeName: envelope.name,
    SenderName: envelope.senderName || envelope.senderEmail,
    Link: `${ctx.config.appUrl}/sign/${token}`,
    ExpirationDate: (envelope.expiresAt ?? new Date()).toUTCString(),
    PersonalMessage: "",
  };
  const template = await loadTemplate(tx, "signer_invitation");
  const message = envelope.emailBody ? renderTemplate({ subject: "", body: envelope.emailBody }, vars).text : "";
  const subject = envelope.emailSubject || template.subject;
  await queue(tx, ctx, recipient.email, "signer_invitation", renderTemplate({ subject, body: template.body }, { ...vars, Message: message }));
}

/** "Envelope completed" to the sender (with the link to the envelope) and to each Cc recipient. */
export async function queueCompletedMails(tx: Db | Tx, ctx: EnvelopeCtx, envelope: EnvelopeRow, ccs: RecipientRow[]): Promise<void> {
  const template = await loadTemplate(tx, "envelope_completed");
  const [first = "", ...rest] = envelope.senderName.split(" ");
  await queue(tx, ctx, envelope.senderEmail, "envelope_completed", renderTemplate(template, { RecipientFirstName: first, RecipientLastName: rest.join(" "), EnvelopeName: envelope.name, Link: `${ctx.config.appUrl}/documents/${envelope.id}` }));
  for (const cc of ccs) {
    await queue(tx, ctx, cc.email, "envelope_completed", renderTemplate(template, { RecipientFirstName: cc.firstName, RecipientLastName: cc.lastName, EnvelopeName: envelope.name, Link: "" }));
  }
}

/** The SMS code: this instance has no SMS gateway, so the message waits in the outbox (Settings → Outbox), never sent by SMTP. */
export async function queueSmsCode(tx: Db | Tx, phone: string, envelopeName: string, code: string): Promise<void> {
  const text = `Your code for signing "${envelopeName}": ${code}. It expires in 10 minutes.`;
  await tx.insert(mailOutbox).values({ toAddress: `sms:${phone}`, subject: "SMS code", text, html: "", template: "sms_code", status: "local" });
}

export { fullName };
