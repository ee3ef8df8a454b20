import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { verifyAuditSignature, type AuditKeyring } from "./signing-key";

export type HeadSignature = { seq: number; keyId: string; publicKey: string | null; signature: string };
export type SignatureFault = { id: number; seq: number; reason: string };

type Row = { id: number; seq: number; hash: string; key_id: string | null; signature: string | null };

const PAGE = 2_000;
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows);

/**
 * Checks every event's signature over (stream, seq, hash) as the row stands now, page by page
 * in seq order, up to `beforeSeq`; names the first event not signed, signed by a key this
 * instance does not know, or whose signature does not match (the row was renumbered or re-hashed).
 */
export async function findUnsignedEvent(
  db: Db | Tx,
  stream: string,
  keyring: AuditKeyring,
  beforeSeq = Number.MAX_SAFE_INTEGER,
): Promise<SignatureFault | null> {
  const keys = new Map(keyring.verifiers.map((k) => [k.keyId, k.key]));
  for (let after = 0; ;) {
    const rows = rowsOf<Row>(
      await db.execute(sql`
        select e.id::float8 as id, e.seq::float8 as seq, e.hash, s.key_id, s.signature
        from audit_events e left join audit_event_signatures s on s.event_id = e.id
        where e.stream = ${stream} and e.seq > ${after} and e.seq < ${beforeSeq}
        order by e.seq limit ${PAGE}`),
    );
    for (const r of rows) {
      const fault = faultOf(r, stream, keys);
      if (fault) return { id: Number(r.id), seq: Number(r.seq), reason: fault };
    }
    if (rows.length < PAGE) return null;
    after = Number(rows[rows.length - 1]!.seq);
  }
}

function faultOf(r: Row, stream: string, keys: Map<string, Parameters<typeof verifyAuditSignature>[0]>): string | null {
  if (!r.signature || !r.key_id) return "not signed (the row was not written by the app, or its signature was removed)";
  const key = keys.get(r.key_id);
  if (!key)
    return `signed by an unknown key ${r.key_id} (not derived from this instance's AUDIT_SIGNING_KEY, ENCRYPTION_KEY or their previous values)`;
  if (!verifyAuditSignature(key, { stream, seq: Number(r.seq), hash: r.hash }, r.signature)) {
    return "signature does not match the row's position and hash (rows were removed, renumbered or re-hashed)";
  }
  return null;
}

/** The last event's signature and the public key that checks it, for the certificate and Verify. */
export async function readHeadSignature(
  db: Db | Tx,
  stream: string,
  keyring: AuditKeyring,
): Promise<HeadSignature | null> {
  const [head] = rowsOf<{ seq: number; key_id: string | null; signature: string | null }>(
    await db.execute(sql`
      select e.seq::float8 as seq, s.key_id, s.signature
      from audit_events e left join audit_event_signatures s on s.event_id = e.id
      where e.stream = ${stream} order by e.seq desc limit 1`),
  );
  if (!head?.key_id || !head.signature) return null;
  const publicKey = keyring.verifiers.find((k) => k.keyId === head.key_id)?.publicKey ?? null;
  return { seq: Number(head.seq), keyId: head.key_id, publicKey, signature: head.signature };
}
