import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/**
 * Append-only, hash-chained audit events. The database fills seq, prev_hash and hash in a
 * BEFORE INSERT trigger (db/migrations/0001_audit_chain.sql) and refuses UPDATE, DELETE and
 * TRUNCATE, so application code can neither forge a link nor rewrite history.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    // "org" for the organisation's security events, "envelope:<id>" for one envelope.
    stream: text("stream").notNull(),
    seq: bigint("seq", { mode: "number" }).notNull().default(0),
    at: timestamp("at", { withTimezone: true, precision: 6 }).notNull().defaultNow(),
    action: text("action").notNull(),
    description: text("description").notNull(),
    actorUserId: uuid("actor_user_id"),
    actorLabel: text("actor_label").notNull().default(""),
    ip: text("ip"),
    geolocation: text("geolocation"),
    envelopeId: uuid("envelope_id"),
    providerId: uuid("provider_id"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    prevHash: text("prev_hash").notNull().default(""),
    hash: text("hash").notNull().default(""),
  },
  // Viewers page by seq within a stream (keyset paging), filtered by one of these.
  (t) => [
    uniqueIndex("audit_events_stream_seq_idx").on(t.stream, t.seq),
    index("audit_events_stream_at_idx").on(t.stream, t.at),
    index("audit_events_stream_action_seq_idx").on(t.stream, t.action, t.seq),
    index("audit_events_stream_actor_seq_idx").on(t.stream, t.actorLabel, t.seq),
    index("audit_events_stream_provider_seq_idx").on(t.stream, t.providerId, t.seq),
  ],
);

/** The head of each stream: the row lock on it serialises writers, so a chain never forks. */
export const auditStreams = pgTable("audit_streams", {
  stream: text("stream").primaryKey(),
  lastSeq: bigint("last_seq", { mode: "number" }).notNull(),
  lastHash: text("last_hash").notNull(),
});

/**
 * One Ed25519 signature per event over (stream, seq, hash), made by the app with a key the
 * database never holds (lib/audit/signing-key.ts): a superuser can recompute the chain, not
 * these. Insert-only like the events (db/migrations/0013).
 */
export const auditEventSignatures = pgTable("audit_event_signatures", {
  eventId: bigint("event_id", { mode: "number" }).primaryKey(),
  stream: text("stream").notNull(),
  seq: bigint("seq", { mode: "number" }).notNull(),
  // Fingerprint of the public key that checks it: previous keys keep verifying after a rotation.
  keyId: text("key_id").notNull(),
  signature: text("signature").notNull(),
});

export type AuditEventRow = typeof auditEvents.$inferSelect;
