import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Every mail the app sends, written in the transaction of the change that causes it, so an
 * invitation is never lost: "queued" until SMTP takes it (retried with backoff), "local" when
 * no SMTP_URL is set (or an SMS, for which there is no gateway), "failed" after many tries.
 * `subject`/`text`/`html` are the redacted copy (no live credential: lib/mail/sealed-mail.ts);
 * `sealed` is the deliverable mail, sealed to the row with ENCRYPTION_KEY, null once delivered.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    sealed: text("sealed"),
    template: text("template"),
    status: text("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    index("mail_outbox_status_next_idx").on(t.status, t.nextAttemptAt),
    index("mail_outbox_created_idx").on(t.createdAt),
  ],
);

/** Administrators' edits of the notification templates; a key without a row uses the built-in text. */
export const notificationTemplates = pgTable("notification_templates", {
  key: text("key").primaryKey(),
  subject: text("subject").notNull(),
  body: text("body").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type MailRow = typeof mailOutbox.$inferSelect;
