import { and, eq, inArray, isNotNull, like, not, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { mailOutbox, notificationTemplates, type MailRow } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { openOutboxMail, sealedOutboxValues } from "./sealed-mail";
import {
  credentialPlaceholders,
  renderTemplate,
  TEMPLATES,
  type RenderedMail,
  type TemplateKey,
  type TemplateVars,
} from "./templates";

/** What queueing and delivery need: the SMTP server, the sender, and the keys that seal the deliverable mail. */
export type MailConfig = {
  smtpUrl: string | undefined;
  mailFrom: string;
  encryptionKey: Buffer;
  encryptionKeys: Buffer[];
};
/** Queueing seals with the current key; only delivery opens. */
export type QueueConfig = Pick<MailConfig, "smtpUrl" | "encryptionKey">;

/** The template an administrator saved, or the built-in one. */
export async function loadTemplate(db: Db | Tx, key: TemplateKey): Promise<{ subject: string; body: string }> {
  const [row] = await db.select().from(notificationTemplates).where(eq(notificationTemplates.key, key));
  return row ?? TEMPLATES[key];
}

/** A credential's spellings to redact: the value (a link) and, for a link, its last segment (the bare token). */
const spellings = (value: string) => {
  const last = value.split("/").at(-1) ?? "";
  return last.length >= 16 && last !== value ? [value, last] : [value];
};

/**
 * Puts one message into the outbox, inside the caller's transaction: the mail exists exactly when
 * the change does. `credentials` are the live secrets it carries (links, codes): the row keeps
 * them only sealed, for delivery; its readable text has them redacted. A notification goes
 * through queueTemplateMail; this is for a message without a template (the SMS code).
 */
export async function queueMail(
  tx: Db | Tx,
  config: QueueConfig,
  mail: { to: string; template: string; content: RenderedMail; credentials: string[]; status?: "local" },
): Promise<string> {
  const values = sealedOutboxValues(config.encryptionKey, mail.content, mail.credentials.flatMap(spellings));
  await tx.insert(mailOutbox).values({
    ...values,
    toAddress: mail.to,
    template: mail.template,
    status: mail.status ?? (config.smtpUrl ? "queued" : "local"),
  });
  return values.id;
}

/**
 * The one way to queue a notification: the template an administrator saved (or the built-in
 * one) rendered with a value for each of its placeholders; the values of its credential
 * placeholders (the link) are sealed, not readable. `subject`, when set, replaces the
 * template's (an envelope's own subject); `body`, when set, replaces the template's text (an
 * envelope's own EmailBody that is a whole mail).
 */
export async function queueTemplateMail<K extends TemplateKey>(
  tx: Db | Tx,
  config: QueueConfig,
  to: string,
  key: K,
  vars: TemplateVars<K>,
  options: { subject?: string; body?: string } = {},
): Promise<string> {
  const template = await loadTemplate(tx, key);
  const values: Record<string, string> = vars;
  const content = renderTemplate(
    { subject: options.subject || template.subject, body: options.body || template.body },
    values,
  );
  return queueMail(tx, config, {
    to,
    template: key,
    content,
    credentials: credentialPlaceholders(key).map((name) => values[name] ?? ""),
  });
}

const MAX_ATTEMPTS = 10;
const STALE_SENDING = sql`now() - interval '5 minutes'`;
const backoff = (attempts: number) => sql`now() + (${Math.min(3600, 15 * 2 ** attempts)} || ' seconds')::interval`;

let transport: { url: string; t: nodemailer.Transporter } | null = null;
const transportFor = (url: string) => {
  if (transport?.url !== url) transport = { url, t: nodemailer.createTransport(url) };
  return transport.t;
};

/** Delivery in the background of every server process: what is due goes out every few seconds. */
export function startMailDelivery(db: Db, config: MailConfig, everyMs = 5000): void {
  const g = globalThis as { __mailTimer?: NodeJS.Timeout };
  if (!config.smtpUrl || g.__mailTimer) return;
  let running = false;
  g.__mailTimer = setInterval(() => {
    if (running) return;
    running = true;
    deliverDueMail(db, config)
      .catch((err: unknown) => console.error("[mail] delivery run failed:", err instanceof Error ? err.message : err))
      .finally(() => (running = false));
  }, everyMs);
  g.__mailTimer.unref();
}

/**
 * Sends what is due. Rows are claimed with SKIP LOCKED, so several instances never send one
 * mail twice; a failure keeps the mail queued with a backoff and the reason, never loses it.
 * The sealed mail is opened only here, and dropped once SMTP accepted it.
 */
export async function deliverDueMail(
  db: Db,
  config: MailConfig,
  limit = 20,
): Promise<{ sent: number; failed: number }> {
  if (!config.smtpUrl) return { sent: 0, failed: 0 };
  const claimed = (await db.execute(sql`
    update mail_outbox set status = 'sending', attempts = attempts + 1
    where id in (
      select id from mail_outbox
      where (status = 'queued' and next_attempt_at <= now()) or (status = 'sending' and next_attempt_at <= ${STALE_SENDING})
      order by created_at limit ${limit} for update skip locked)
    returning id`)) as unknown;
  const ids = (Array.isArray(claimed) ? claimed : (claimed as { rows: { id: string }[] }).rows).map(
    (r: { id: string }) => r.id,
  );
  if (ids.length === 0) return { sent: 0, failed: 0 };
  const rows: MailRow[] = await db.select().from(mailOutbox).where(inArray(mailOutbox.id, ids));
  let sent = 0;
  let failed = 0;
  for (const row of rows) {
    try {
      const mail = openOutboxMail(row, config.encryptionKeys);
      await transportFor(config.smtpUrl).sendMail({
        from: config.mailFrom,
        to: row.toAddress,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      });
      await db
        .update(mailOutbox)
        .set({ status: "sent", sentAt: sql`now()`, lastError: null, sealed: null })
        .where(eq(mailOutbox.id, row.id));
      sent++;
    } catch (err) {
      failed++;
      // A server's refusal may quote the message: no link token goes into the readable reason.
      const reason =
        err instanceof Error
          ? `${(err as { code?: string }).code ?? err.name}: ${err.message}`
              .replace(/\/(bind|sign)\/[A-Za-z0-9_-]{16,}/g, "/$1/[redacted]")
              .slice(0, 300)
          : "send failed";
      await db
        .update(mailOutbox)
        .set({
          status: row.attempts >= MAX_ATTEMPTS ? "failed" : "queued",
          lastError: reason,
          nextAttemptAt: backoff(row.attempts),
        })
        .where(eq(mailOutbox.id, row.id));
    }
  }
  return { sent, failed };
}

/** An administrator's "retry now": failed and waiting mails that still have their sealed text become due at once. */
export async function retryMailNow(db: Db): Promise<void> {
  await db
    .update(mailOutbox)
    .set({ status: "queued", nextAttemptAt: sql`now()` })
    .where(
      and(
        inArray(mailOutbox.status, ["failed", "queued"]),
        isNotNull(mailOutbox.sealed),
        not(like(mailOutbox.toAddress, "sms:%")),
      ),
    );
}
