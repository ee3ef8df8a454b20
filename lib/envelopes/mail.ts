import type { EnvelopeRow, RecipientRow } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { loadTemplate, queueMail } from "@/lib/mail/outbox";
import { renderTemplate, type RenderedMail, type TemplateKey } from "@/lib/mail/templates";
import type { EnvelopeCtx } from "./context";

const fullName = (r: { firstName: string; lastName: string }) => `${r.firstName} ${r.lastName}`.trim();

async function queue(
  tx: Db | Tx,
  ctx: EnvelopeCtx,
  to: string,
  key: TemplateKey,
  content: RenderedMail,
  credentials: string[] = [],
) {
  await queueMail(tx, ctx.config, { to, template: key, content, credentials });
}

/**
 * The signer invitation (Settings → Notification Templates), in the caller's transaction. The
 * envelope's own subject replaces the template's when set; its message (which may use the same
 * #Placeholders#, as the seed's EmailBody does) fills #Message#.
 */
export async function queueSignerInvitation(
  tx: Db | Tx,
  ctx: EnvelopeCtx,
  envelope: EnvelopeRow,
  recipient: RecipientRow,
  token: string,
): Promise<void> {
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
  await queue(
    tx,
    ctx,
    recipient.email,
    "signer_invitation",
    renderTemplate({ subject, body: template.body }, { ...vars, Message: message }),
    [vars.Link!, token],
  );
}

/** "Envelope completed" to the sender (with the link to the envelope) and to each Cc recipient. */
export async function queueCompletedMails(
  tx: Db | Tx,
  ctx: EnvelopeCtx,
  envelope: EnvelopeRow,
  ccs: RecipientRow[],
): Promise<void> {
  const template = await loadTemplate(tx, "envelope_completed");
  const [first = "", ...rest] = envelope.senderName.split(" ");
  await queue(
    tx,
    ctx,
    envelope.senderEmail,
    "envelope_completed",
    renderTemplate(template, {
      RecipientFirstName: first,
      RecipientLastName: rest.join(" "),
      EnvelopeName: envelope.name,
      Link: `${ctx.config.appUrl}/documents/${envelope.id}`,
    }),
  );
  for (const cc of ccs) {
    await queue(
      tx,
      ctx,
      cc.email,
      "envelope_completed",
      renderTemplate(template, {
        RecipientFirstName: cc.firstName,
        RecipientLastName: cc.lastName,
        EnvelopeName: envelope.name,
        Link: "",
      }),
    );
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
