import { and, asc, desc, eq, gte, lt, lte, type SQL } from "drizzle-orm";
import { auditEvents, type AuditEventRow } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { ORG_STREAM } from "./events";
import type { SecurityLogQuery } from "./schema";

/** One event as the viewers list it (the audit table of the Security log, an envelope's trail, the certificate). */
export type { AuditEventRow };
export type AuditPage = { items: AuditEventRow[]; nextBefore: number | null };

/**
 * The organisation's Security log, newest first, keyset-paged by seq: each page is one index
 * range scan (stream + filter + seq), so page 1 and page 20,000 cost the same at 1,000,000 rows.
 */
export async function listSecurityLog(db: Db | Tx, q: SecurityLogQuery): Promise<AuditPage> {
  const where: SQL[] = [eq(auditEvents.stream, ORG_STREAM)];
  const bounds = await seqBounds(db, ORG_STREAM, q.from, q.to);
  if (bounds === "empty") return { items: [], nextBefore: null };
  if (bounds.min !== null) where.push(gte(auditEvents.seq, bounds.min));
  if (bounds.max !== null) where.push(lte(auditEvents.seq, bounds.max));
  if (q.action) where.push(eq(auditEvents.action, q.action));
  if (q.actor) where.push(eq(auditEvents.actorLabel, q.actor));
  if (q.provider) where.push(eq(auditEvents.providerId, q.provider));
  if (q.before) where.push(lt(auditEvents.seq, q.before));
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.seq))
    .limit(q.limit + 1);
  const items = rows.slice(0, q.limit);
  return { items, nextBefore: rows.length > q.limit ? items[items.length - 1]!.seq : null };
}

/**
 * A time range as a seq range, from two index lookups on (stream, at). Within a stream, time
 * grows with seq: the trigger reads the clock while it holds the stream's lock.
 */
async function seqBounds(
  db: Db | Tx,
  stream: string,
  from?: Date,
  to?: Date,
): Promise<{ min: number | null; max: number | null } | "empty"> {
  const edge = async (cond: SQL, order: "asc" | "desc") => {
    const [row] = await db
      .select({ seq: auditEvents.seq })
      .from(auditEvents)
      .where(and(eq(auditEvents.stream, stream), cond))
      .orderBy(order === "asc" ? asc(auditEvents.at) : desc(auditEvents.at))
      .limit(1);
    return row ? row.seq : "none";
  };
  const min = from ? await edge(gte(auditEvents.at, from), "asc") : null;
  const max = to ? await edge(lte(auditEvents.at, to), "desc") : null;
  if (min === "none" || max === "none") return "empty";
  return { min, max };
}

/** Every event of one stream in order (an envelope's trail is small; exports of large streams page with `after`). */
export async function readAuditStream(
  db: Db | Tx,
  stream: string,
  after = 0,
  limit = 10_000,
): Promise<AuditEventRow[]> {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.stream, stream), gte(auditEvents.seq, after + 1)))
    .orderBy(asc(auditEvents.seq))
    .limit(limit);
}
