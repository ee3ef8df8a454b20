import { and, eq, gt, lte, sql } from "drizzle-orm";
import { refusalAuditWindows, type RefusalAuditWindowRow } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import type { Ctx } from "@/lib/context";
import { emitAuditBatch, type AuditInput } from "./emit-audit";

/**
 * Anyone can make the app refuse something (a back-channel logout with a public provider id, a
 * sign-in with a guessed password), so refusals are audited at most this many rows per subject
 * per minute; the rest are counted and written as one "… and N more refused" row when the window
 * ends (next refusal, next accepted event of the subject, or the janitor). Callers' answers do
 * not change.
 */
export const REFUSED_AUDIT_PER_MINUTE = 20;
const WINDOW = sql`interval '1 minute'`;

/**
 * One kind of refusal about one subject: `key` names its window (`<kind>:<subject id>`), `refused`
 * is the row of one refusal, `summary` the "… and N more" row without its counts (they are
 * added as data.count, from, to, lastReason, lastIp).
 */
export type CappedRefusal = { key: string; refused: AuditInput; summary: AuditInput };

type AuditCtx = Pick<Ctx, "actor" | "ip">;
const SYSTEM = { kind: "system" as const };
const CLOSED = { suppressed: 0, firstSuppressedAt: null, lastSuppressedAt: null, lastReason: null, lastIp: null };
const REOPENED = { windowStart: sql`now()`, written: 0, ...CLOSED };

function summaryOf(w: RefusalAuditWindowRow): AuditInput {
  const template = w.summary as AuditInput;
  return {
    ...template,
    data: {
      ...template.data,
      count: w.suppressed,
      from: (w.firstSuppressedAt ?? w.windowStart).toISOString(),
      to: (w.lastSuppressedAt ?? w.windowStart).toISOString(),
      lastReason: w.lastReason,
      lastIp: w.lastIp,
    },
  } as AuditInput;
}

/** The subject's window row, locked for this transaction (created when missing), and whether its minute is over. */
async function lockWindow(tx: Tx, refusal: CappedRefusal) {
  await tx.insert(refusalAuditWindows).values({ key: refusal.key, summary: refusal.summary }).onConflictDoNothing();
  const [row] = await tx
    .select({ w: refusalAuditWindows, ended: sql<boolean>`${refusalAuditWindows.windowStart} <= now() - ${WINDOW}` })
    .from(refusalAuditWindows)
    .where(eq(refusalAuditWindows.key, refusal.key))
    .for("update");
  return row!;
}

/** Audits one refusal (as `ctx`'s actor, from its address) within its subject's per-minute cap; `reason` is what the summary names as the last one. */
export async function auditCappedRefusal(
  db: Db | Tx,
  ctx: AuditCtx,
  refusal: CappedRefusal,
  reason: string,
): Promise<{ recorded: boolean }> {
  return db.transaction(async (tx) => {
    const { w, ended } = await lockWindow(tx, refusal);
    const summaries: AuditInput[] = [];
    let written = w.written;
    if (ended) {
      if (w.suppressed > 0) summaries.push(summaryOf(w));
      await tx.update(refusalAuditWindows).set(REOPENED).where(eq(refusalAuditWindows.key, refusal.key));
      written = 0;
    }
    const recorded = written < REFUSED_AUDIT_PER_MINUTE;
    if (recorded) {
      await tx
        .update(refusalAuditWindows)
        .set({ written: written + 1, summary: refusal.summary })
        .where(eq(refusalAuditWindows.key, refusal.key));
    } else {
      await tx
        .update(refusalAuditWindows)
        .set({
          suppressed: sql`${refusalAuditWindows.suppressed} + 1`,
          firstSuppressedAt: sql`coalesce(${refusalAuditWindows.firstSuppressedAt}, now())`,
          lastSuppressedAt: sql`now()`,
          lastReason: reason.slice(0, 2000),
          lastIp: ctx.ip?.slice(0, 100) ?? null,
          summary: refusal.summary,
        })
        .where(eq(refusalAuditWindows.key, refusal.key));
    }
    // The summary is the system's; the refusal row is the caller's (actor and address).
    await emitAuditBatch(tx, { actor: SYSTEM, ip: null }, summaries);
    if (recorded) await emitAuditBatch(tx, ctx, [refusal.refused]);
    return { recorded };
  });
}

/**
 * Inside an accepted event's transaction, before its own row: the refusals counted so far are
 * summed up first, so the trail reads in order. The cap of the current minute stays.
 */
export async function flushCappedRefusals(tx: Tx, key: string): Promise<void> {
  const [w] = await tx
    .select()
    .from(refusalAuditWindows)
    .where(and(eq(refusalAuditWindows.key, key), gt(refusalAuditWindows.suppressed, 0)))
    .for("update");
  if (!w) return;
  await emitAuditBatch(tx, { actor: SYSTEM, ip: null }, [summaryOf(w)]);
  await tx.update(refusalAuditWindows).set(CLOSED).where(eq(refusalAuditWindows.key, key));
}

/**
 * The janitor's part: windows whose minute is over and that still hold a count get their summary
 * row; rows locked by another instance are skipped (it is writing them). Idle windows older than
 * a day are dropped.
 */
export async function flushEndedRefusalWindows(db: Db, limit = 100): Promise<number> {
  const flushed = await db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(refusalAuditWindows)
      .where(and(gt(refusalAuditWindows.suppressed, 0), lte(refusalAuditWindows.windowStart, sql`now() - ${WINDOW}`)))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (rows.length === 0) return 0;
    await emitAuditBatch(tx, { actor: SYSTEM, ip: null }, rows.map(summaryOf));
    for (const w of rows) await tx.update(refusalAuditWindows).set(REOPENED).where(eq(refusalAuditWindows.key, w.key));
    return rows.length;
  });
  await db
    .delete(refusalAuditWindows)
    .where(
      and(eq(refusalAuditWindows.suppressed, 0), lte(refusalAuditWindows.windowStart, sql`now() - interval '1 day'`)),
    );
  return flushed;
}
