import { integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * How many refusals of one kind and subject (`key`, e.g. `backchannel:<provider id>`,
 * `login:<email>`) the audit trail took in the current minute, and how many more it only
 * counted (lib/audit/capped-refusals.ts): anyone can make the app refuse, so without a cap anyone
 * could flood the trail. `summary` is the "… and N more" event to write when the window ends,
 * without its counts. The row lock serialises every instance.
 */
export const refusalAuditWindows = pgTable("refusal_audit_windows", {
  key: text("key").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull().defaultNow(),
  written: integer("written").notNull().default(0),
  suppressed: integer("suppressed").notNull().default(0),
  // The first and last suppressed refusal of the window, and the last reason (for the summary row).
  firstSuppressedAt: timestamp("first_suppressed_at", { withTimezone: true }),
  lastSuppressedAt: timestamp("last_suppressed_at", { withTimezone: true }),
  lastReason: text("last_reason"),
  lastIp: text("last_ip"),
  summary: jsonb("summary").$type<Record<string, unknown>>().notNull(),
});

export type RefusalAuditWindowRow = typeof refusalAuditWindows.$inferSelect;
