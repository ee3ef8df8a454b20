import { and, eq, gt, lte, sql } from "drizzle-orm";
import { backchannelRefusalWindows, identityProviders, type BackchannelRefusalWindowRow } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { emitAuditBatch, type AuditInput } from "@/lib/audit/emit-audit";
import type { Ctx } from "@/lib/context";

/**
 * A provider's id is public (it is in the Logon URL and the back-channel URL), so anyone can post
 * garbage to its back-channel endpoint. Each refusal is audited, but at most this many rows per
 * provider per minute; the rest are counted and written as one "… and N more refused" row when
 * the window ends (next refusal, next accepted logout, or the janitor). The HTTP answer does not
 * change: still 400.
 */
export const REFUSED_AUDIT_PER_MINUTE = 20;
const WINDOW = sql`interval '1 minute'`;

type AuditCtx = Pick<Ctx, "ip">;
type Provider = { id: string; name: string };
const SYSTEM = { kind: "system" as const };
const CLOSED = { suppressed: 0, firstSuppressedAt: null, lastSuppressedAt: null, lastReason: null, lastIp: null };

function summary(provider: Provider, w: BackchannelRefusalWindowRow): AuditInput {
  return {
    action: "BackchannelLogoutRefusedMore",
    providerId: provider.id,
    actorLabel: `provider ${provider.name}`,
    data: {
      providerName: provider.name,
      count: w.suppressed,
      from: (w.firstSuppressedAt ?? w.windowStart).toISOString(),
      to: (w.lastSuppressedAt ?? w.windowStart).toISOString(),
      lastReason: w.lastReason,
      lastIp: w.lastIp,
    },
  };
}

/** The provider's window row, locked for this transaction (created when missing), and whether its minute is over. */
async function lockWindow(tx: Tx, providerId: string) {
  await tx.insert(backchannelRefusalWindows).values({ providerId }).onConflictDoNothing();
  const [row] = await tx
    .select({ w: backchannelRefusalWindows, ended: sql<boolean>`${backchannelRefusalWindows.windowStart} <= now() - ${WINDOW}` })
    .from(backchannelRefusalWindows)
    .where(eq(backchannelRefusalWindows.providerId, providerId))
    .for("update");
  return row!;
}

/** Audits one refused back-channel logout of a real provider, within the per-minute cap. */
export async function auditRefusal(db: Db | Tx, ctx: AuditCtx, provider: Provider, reason: string): Promise<{ recorded: boolean }> {
  return db.transaction(async (tx) => {
    const { w, ended } = await lockWindow(tx, provider.id);
    const events: AuditInput[] = [];
    let written = w.written;
    if (ended) {
      if (w.suppressed > 0) events.push(summary(provider, w));
      await tx.update(backchannelRefusalWindows).set({ windowStart: sql`now()`, written: 0, ...CLOSED }).where(eq(backchannelRefusalWindows.providerId, provider.id));
      written = 0;
    }
    const recorded = written < REFUSED_AUDIT_PER_MINUTE;
    if (recorded) {
      events.push({ action: "BackchannelLogoutRefused", providerId: provider.id, actorLabel: `provider ${provider.name}`, data: { providerName: provider.name, reason } });
      await tx.update(backchannelRefusalWindows).set({ written: written + 1 }).where(eq(backchannelRefusalWindows.providerId, provider.id));
    } else {
      await tx
        .update(backchannelRefusalWindows)
        .set({
          suppressed: sql`${backchannelRefusalWindows.suppressed} + 1`,
          firstSuppressedAt: sql`coalesce(${backchannelRefusalWindows.firstSuppressedAt}, now())`,
          lastSuppressedAt: sql`now()`,
          lastReason: reason.slice(0, 2000),
          lastIp: ctx.ip?.slice(0, 100) ?? null,
        })
        .where(eq(backchannelRefusalWindows.providerId, provider.id));
    }
    await emitAuditBatch(tx, { actor: SYSTEM, ip: ctx.ip }, events);
    return { recorded };
  });
}

/**
 * Inside an accepted logout's transaction, before its own row: the refusals counted so far are
 * summed up first, so the trail reads in order. The cap of the current minute stays.
 */
export async function flushRefusals(tx: Tx, provider: Provider): Promise<void> {
  const [w] = await tx.select().from(backchannelRefusalWindows).where(and(eq(backchannelRefusalWindows.providerId, provider.id), gt(backchannelRefusalWindows.suppressed, 0))).for("update");
  if (!w) return;
  await emitAuditBatch(tx, { actor: SYSTEM, ip: null }, [summary(provider, w)]);
  await tx.update(backchannelRefusalWindows).set(CLOSED).where(eq(backchannelRefusalWindows.providerId, provider.id));
}

/**
 * The janitor's part: windows whose minute is over and that still hold a count get their summary
 * row; rows locked by another instance are skipped (it is writing them). Idle windows older than
 * a day are dropped (also those of deleted providers).
 */
export async function flushEndedRefusalWindows(db: Db, limit = 100): Promise<number> {
  const flushed = await db.transaction(async (tx) => {
    const rows = await tx
      .select({ w: backchannelRefusalWindows, name: identityProviders.name })
      .from(backchannelRefusalWindows)
      .leftJoin(identityProviders, eq(identityProviders.id, backchannelRefusalWindows.providerId))
      .where(and(gt(backchannelRefusalWindows.suppressed, 0), lte(backchannelRefusalWindows.windowStart, sql`now() - ${WINDOW}`)))
      .limit(limit)
      .for("update", { of: backchannelRefusalWindows, skipLocked: true });
    if (rows.length === 0) return 0;
    const events = rows.map((r) => summary({ id: r.w.providerId, name: r.name ?? "(deleted provider)" }, r.w));
    await emitAuditBatch(tx, { actor: SYSTEM, ip: null }, events);
    for (const r of rows) {
      await tx.update(backchannelRefusalWindows).set({ windowStart: sql`now()`, written: 0, ...CLOSED }).where(eq(backchannelRefusalWindows.providerId, r.w.providerId));
    }
    return rows.length;
  });
  await db.delete(backchannelRefusalWindows).where(and(eq(backchannelRefusalWindows.suppressed, 0), lte(backchannelRefusalWindows.windowStart, sql`now() - interval '1 day'`)));
  return flushed;
}
