import { eq, sql } from "drizzle-orm";
import { callbackAttempts, callbackDeliveries, type CallbackDeliveryRow } from "@/db/schema";
import type { Db } from "@/db/client";
import { emitAudit } from "@/lib/audit/emit-audit";
import { systemCtx } from "@/lib/context";
import { guardedFetch, OutboundError } from "@/lib/net/guarded-fetch";
import type { Resolver } from "@/lib/net/address-guard";
import { parseTrustedHosts } from "@/lib/net/trusted-hosts";
import { callbackSecret } from "./secret";
import { SIGNATURE_HEADER, signatureHeader } from "./signature";

// Delivery of the queued status callbacks, in every server process (lib/startup.ts). Rows are
// claimed with SKIP LOCKED and leased for LEASE_SECONDS, so several instances never post one
// attempt twice and a process that dies mid-call leaves the row to be retried: at least once.
// A 2xx answer delivers; anything else is retried with exponential backoff up to MAX_ATTEMPTS.
// An address the guard refuses is failed at once (retrying cannot change the answer).

export const MAX_ATTEMPTS = 8;
const LEASE_SECONDS = 120;
/** Seconds before attempt n+1 after n failed: 10, 20, 40, … at most an hour. */
export const backoffSeconds = (attempts: number) => Math.min(3600, 10 * 2 ** Math.max(0, attempts - 1));

export type CallbackConfig = { encryptionKeys: Buffer[]; trustedHosts: string[] };

/** Origin and path: what the envelope page and the trail show of a URL (its query may carry a token). */
export const displayUrl = (raw: string) => {
  try {
    const u = new URL(raw);
    return `${u.origin}${u.pathname}`;
  } catch {
    return "(invalid URL)";
  }
};

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows);

/** Sends what is due at `now` (injectable, so a test moves time instead of waiting for the backoff). */
export async function deliverDueCallbacks(
  db: Db,
  config: CallbackConfig,
  opts: { now?: Date; limit?: number; resolve?: Resolver } = {},
): Promise<{ delivered: number; failed: number }> {
  const now = (opts.now ?? new Date()).toISOString();
  const claimed = rowsOf<{ id: string }>(
    await db.execute(sql`
      update callback_deliveries
      set status = 'sending', attempts = attempts + 1,
          next_attempt_at = ${now}::timestamptz + make_interval(secs => ${LEASE_SECONDS})
      where id in (
        select id from callback_deliveries
        where status in ('queued', 'sending') and next_attempt_at <= ${now}::timestamptz
        order by created_at limit ${opts.limit ?? 20} for update skip locked)
      returning id`),
  );
  let delivered = 0;
  let failed = 0;
  if (claimed.length === 0) return { delivered, failed };
  const secret = await callbackSecret(db, config.encryptionKeys);
  const trustedHosts = parseTrustedHosts(config.trustedHosts);
  for (const { id } of claimed) {
    const [row] = await db.select().from(callbackDeliveries).where(eq(callbackDeliveries.id, id));
    if (!row) continue;
    const started = Date.now();
    let httpStatus: number | null = null;
    let error: string | null = null;
    let refused = false;
    try {
      const answer = await guardedFetch(
        row.url,
        {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "user-agent": "SignerAuth-Callbacks/1",
            [SIGNATURE_HEADER]: signatureHeader(secret, Math.floor(Date.now() / 1000), row.body),
          },
          body: row.body,
        },
        { trustedHosts, timeoutMs: 10_000, maxBytes: 64 * 1024, resolve: opts.resolve },
      );
      httpStatus = answer.status;
      if (answer.status < 200 || answer.status > 299) error = `HTTP ${answer.status}`;
    } catch (err) {
      refused = err instanceof OutboundError && err.code === "address_not_allowed";
      error = err instanceof OutboundError ? err.message : "The call failed";
    }
    const ok = error === null;
    await record(db, row, { ok, httpStatus, error, refused, durationMs: Date.now() - started, now });
    if (ok) delivered++;
    else failed++;
  }
  return { delivered, failed };
}

/** The attempt's row, the delivery's new state and the audit row, in one transaction. */
async function record(
  db: Db,
  row: CallbackDeliveryRow,
  a: {
    ok: boolean;
    httpStatus: number | null;
    error: string | null;
    refused: boolean;
    durationMs: number;
    now: string;
  },
) {
  const final = !a.ok && (a.refused || row.attempts >= MAX_ATTEMPTS);
  await db.transaction(async (tx) => {
    await tx.insert(callbackAttempts).values({
      deliveryId: row.id,
      attempt: row.attempts,
      httpStatus: a.httpStatus,
      error: a.error?.slice(0, 500) ?? null,
      durationMs: a.durationMs,
    });
    await tx
      .update(callbackDeliveries)
      .set(
        a.ok
          ? { status: "delivered", deliveredAt: sql`now()`, lastError: null }
          : {
              status: final ? "failed" : "queued",
              lastError: a.error?.slice(0, 500) ?? null,
              nextAttemptAt: sql`${a.now}::timestamptz + make_interval(secs => ${backoffSeconds(row.attempts)})`,
            },
      )
      .where(eq(callbackDeliveries.id, row.id));
    const common = { deliveryId: row.id, url: displayUrl(row.url), status: row.event, attempt: row.attempts };
    await emitAudit(
      tx,
      systemCtx(tx),
      a.ok
        ? { action: "CallbackDelivered", envelopeId: row.envelopeId, data: { ...common, httpStatus: a.httpStatus! } }
        : {
            action: "CallbackFailed",
            envelopeId: row.envelopeId,
            data: { ...common, reason: a.error ?? "failed", final },
          },
    );
  });
}

/** Delivery in the background of every server process: what is due goes out every few seconds. */
export function startCallbackDelivery(db: Db, config: CallbackConfig, everyMs = 5000): void {
  const g = globalThis as { __callbackTimer?: NodeJS.Timeout };
  if (g.__callbackTimer) return;
  let running = false;
  g.__callbackTimer = setInterval(() => {
    if (running) return;
    running = true;
    deliverDueCallbacks(db, config)
      .catch((err: unknown) =>
        console.error("[callbacks] delivery run failed:", err instanceof Error ? err.message : err),
      )
      .finally(() => (running = false));
  }, everyMs);
  g.__callbackTimer.unref();
}
