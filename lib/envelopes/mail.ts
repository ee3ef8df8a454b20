import type { EnvelopeRow, RecipientRow } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { queueMail, queueTemplateMail } from "@/lib/mail/outbox";
import { renderTemplate, type TemplateVars } from "@/lib/mail/templates";
import type { EnvelopeCtx } from "./context";
import { formatDateTime } from "@/lib/format/date";

const fullName = (r: { firstName: string; lastName: string }) => `${r.firstName} ${r.lastName}`.trim();

/**
 * The signer invitation (Settings → Notification Templates), in the caller's transaction. The
 * envelope's own subject replaces the template's when set; its message (which may use the same
 * #Placeholders#, and #PersonalMessage# as the seed's EmailBody does) fills #Message#.
 */
export async function queueSignerInvitation(
  tx: Db | Tx,
  ctx: EnvelopeCtx,
  envelope: EnvelopeRow,
  recipient: RecipientRow,
  token: string,
): Promise<void> {
  const vars: Omit<TemplateVars<"signer_invitation">, "Message"> & { PersonalMessage: string } = {
    RecipientFirstName: recipient.firstName,
    RecipientLastName: recipient.lastName,
    EnvelopeName: envelope.name,
    SenderName: envelope.senderName || envelope.senderEmail,
    Link: `${ctx.config.appUrl}/sign/${token}`,
    ExpirationDate: formatDateTime(envelope.expiresAt ?? new Date()),
    PersonalMessage: "",
  };
  const message = envelope.emailBody ? renderTemplate({ subject: "", body: envelope.emailBody }, vars).text : "";
  await queueTemplateMail(
    tx,
    ctx.config,
    recipient.email,
    "signer_invitation",
    { ...vars, Message: message },
    { subject: envelope.emailSubject },
  );
}

/** "Envelope completed" to the sender (with the link to the envelope) and to each Cc recipient. */
export async function queueCompletedMails(
  tx: Db | Tx,
  ctx: EnvelopeCtx,
  envelope: EnvelopeRow,
  ccs: RecipientRow[],
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
