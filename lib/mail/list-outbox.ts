import { desc } from "drizzle-orm";
import { mailOutbox } from "@/db/schema";
import type { Db, Tx } from "@/db/client";

/**
 * The newest mails, for Settings → Outbox: recipient, template, subject, delivery state. Never
 * the text or the sealed mail: whoever reads the outbox must not get a live link or code.
 */
export function listOutbox(db: Db | Tx, limit = 100) {
  return db
    .select({
      id: mailOutbox.id,
      toAddress: mailOutbox.toAddress,
      template: mailOutbox.template,
      subject: mailOutbox.subject,
      status: mailOutbox.status,
      attempts: mailOutbox.attempts,
      lastError: mailOutbox.lastError,
      createdAt: mailOutbox.createdAt,
      sentAt: mailOutbox.sentAt,
    })
    .from(mailOutbox)
    .orderBy(desc(mailOutbox.createdAt))
    .limit(limit);
}

export type OutboxEntry = Awaited<ReturnType<typeof listOutbox>>[number];

/** Whether "Resend" can do anything for this mail (see resend-mail.ts for the reasons it cannot). */
export const canResend = (m: Pick<OutboxEntry, "toAddress" | "status">, smtp: boolean) =>
  smtp && !m.toAddress.startsWith("sms:") && m.status !== "sent" && m.status !== "sending";
