import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { auditKeyring, type AuditKeyring } from "./signing-key";
import { findUnsignedEvent, readHeadSignature, type HeadSignature } from "./verify-signatures";

export type StreamVerification = {
  stream: string;
  valid: boolean;
  count: number;
  headHash: string | null;
  /** The last event's Ed25519 signature and the public key (and its fingerprint) that checks it. */
  headSignature: HeadSignature | null;
  firstBroken: { id: number | null; seq: number; reason: string } | null;
};

const GENESIS = "0".repeat(64);

type Row = {
  id: number;
  seq: number;
  hash: string;
  expected: string;
  prev_hash: string;
  prev_actual: string | null;
  n: number;
};

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows);

/**
 * Recomputes a stream's chain in the database (the same digest function the insert trigger
 * uses) and checks every event's signature outside it; names the first row that does not
 * match: edited content, a broken link, a gap, a missing or wrong signature (a chain recomputed
 * by whoever holds the database).
 */
export async function verifyAuditStream(
  db: Db | Tx,
  stream: string,
  keyring: AuditKeyring = auditKeyring(),
): Promise<StreamVerification> {
  const broken = rowsOf<Row>(
    await db.execute(sql`
      with chain as (
        select id, seq, hash, prev_hash,
          audit_event_digest(stream, seq, at, action, description, actor_user_id, actor_label, ip, geolocation,
                             envelope_id, provider_id, data, prev_hash) as expected,
          lag(hash) over (order by seq) as prev_actual,
          row_number() over (order by seq) as n
        from audit_events where stream = ${stream}
      )
      select id, seq::float8 as seq, hash, expected, prev_hash, prev_actual, n::float8 as n from chain
      where hash <> expected or prev_hash <> coalesce(prev_actual, ${GENESIS}) or seq <> n
      order by seq limit 1`),
  );
  const [summary] = rowsOf<{
    count: number;
    last_hash: string | null;
    last_seq: number | null;
    head_seq: number | null;
    head_hash: string | null;
  }>(
    await db.execute(sql`
      select (select count(*) from audit_events where stream = ${stream})::float8 as count,
             (select hash from audit_events where stream = ${stream} order by seq desc limit 1) as last_hash,
             (select max(seq) from audit_events where stream = ${stream})::float8 as last_seq,
             h.last_seq::float8 as head_seq, h.last_hash as head_hash
      from (select 1) one left join audit_streams h on h.stream = ${stream}`),
  );
  const count = Number(summary?.count ?? 0);
  const first = broken[0];
  const [unsigned, headSignature] = await Promise.all([
    findUnsignedEvent(db, stream, keyring, first ? Number(first.seq) : undefined),
    readHeadSignature(db, stream, keyring),
  ]);
  const base = { stream, count, headHash: summary?.head_hash ?? null, headSignature };
  // Signatures are checked only before the first chain fault, so one found is the earlier row.
  if (unsigned) return { ...base, valid: false, firstBroken: unsigned };
  if (first) {
    const reason =
      first.hash !== first.expected
        ? "content does not match its hash (the row was edited)"
        : Number(first.seq) !== Number(first.n)
          ? `sequence gap: expected row ${first.n}, found ${first.seq} (rows were removed)`
          : "link to the previous row is broken";
    return { ...base, valid: false, firstBroken: { id: Number(first.id), seq: Number(first.seq), reason } };
  }
  // Rows cut off the end leave the head ahead of the last row.
  if (
    summary?.head_hash &&
    (summary.head_hash !== summary.last_hash || Number(summary.head_seq) !== Number(summary.last_seq ?? 0))
  ) {
    const seq = Number(summary.last_seq ?? 0) + 1;
    return {
      ...base,
      valid: false,
      firstBroken: {
        id: null,
        seq,
        reason: `rows from ${seq} on are missing (the chain head says ${summary.head_seq})`,
      },
    };
  }
  return { ...base, valid: true, firstBroken: null };
}
