import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { envelopes } from "./envelopes";

/**
 * Status callbacks to an integrator's URL (the seed's StatusUpdateCallbackUrl / CallbackUrl):
 * written in the transaction of the status change, delivered by lib/callbacks/deliver.ts
 * (claimed with SKIP LOCKED, retried with backoff, at least once). `id` is the delivery id the
 * body carries for deduplication; `body` is the exact JSON posted on every attempt.
 */
export const callbackDeliveries = pgTable(
  "callback_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    envelopeId: uuid("envelope_id")
      .notNull()
      .references(() => envelopes.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    event: text("event").notNull(),
    body: text("body").notNull(),
    // queued → sending → delivered, or failed after MAX_ATTEMPTS.
    status: text("status").$type<"queued" | "sending" | "delivered" | "failed">().notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [
    index("callback_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("callback_deliveries_envelope_idx").on(t.envelopeId, t.createdAt),
  ],
);

/** Each attempt of a delivery: the receiver's HTTP status or the reason it failed (never the secret or the signature). */
export const callbackAttempts = pgTable(
  "callback_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => callbackDeliveries.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    httpStatus: integer("http_status"),
    error: text("error"),
    durationMs: integer("duration_ms").notNull(),
  },
  (t) => [index("callback_attempts_delivery_idx").on(t.deliveryId, t.attempt)],
);

export type CallbackDeliveryRow = typeof callbackDeliveries.$inferSelect;
export type CallbackAttemptRow = typeof callbackAttempts.$inferSelect;
