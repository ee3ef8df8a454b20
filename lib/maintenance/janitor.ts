import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { flushEndedRefusalWindows } from "@/lib/audit/capped-refusals";

/** Ended sessions (revoked or expired) stay listed this long, then go. */
export const SESSION_RETENTION_DAYS = 30;
const BATCH = 500;
const MAX_BATCHES = 20;

const rowsOf = (result: unknown): unknown[] => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows);

// Each sweep is one statement over a LIMIT-ed batch of rows picked with SKIP LOCKED: every
// instance runs the janitor, and none of them waits for another, nor for a request holding a
// row. audit_events is never swept (the database refuses it anyway; the trail is kept for good).
const retention = sql`make_interval(days => ${SESSION_RETENTION_DAYS})`;
const SWEEPS = {
  // Flows in flight, and spent ones 5 minutes after they expire. A Test connection's report is kept for the retention, and
  // the newest one of each provider always (the mapping preview reads it).
  oauthTransactions: (n) => sql`
    delete from oauth_transactions where ctid = any(array(
      select t.ctid from oauth_transactions t
      where t.expires_at < now() - interval '5 minutes'
        and (t.purpose <> 'test' or t.result is null or (t.created_at < now() - ${retention} and exists (
          select 1 from oauth_transactions n where n.provider_id = t.provider_id and n.purpose = 'test' and n.result is not null and n.created_at > t.created_at)))
      limit ${n} for update skip locked))
    returning 1`,
  logoutRequests: (n) => sql`
    delete from logout_requests where ctid = any(array(
      select ctid from logout_requests where used_at is not null or expires_at < now()
      limit ${n} for update skip locked))
    returning 1`,
  logoutTokenJtis: (n) => sql`
    delete from logout_token_jtis where ctid = any(array(
      select ctid from logout_token_jtis where expires_at < now()
      limit ${n} for update skip locked))
    returning 1`,
  // An expired session opens nothing, so its ID token (kept only for id_token_hint) goes at once.
  idTokensOfExpiredSessions: (n) => sql`
    update app_sessions set id_token_sealed = null where ctid = any(array(
      select ctid from app_sessions where id_token_sealed is not null and expires_at < now()
      limit ${n} for update skip locked))
    returning 1`,
  // Sign-in failure counters whose window is over (the longest is a day; a wait is at most 15
  // minutes past the last failure): the next failure would start them afresh anyway.
  authThrottle: (n) => sql`
    delete from auth_throttle where ctid = any(array(
      select ctid from auth_throttle where window_start < now() - interval '25 hours'
        and (locked_until is null or locked_until < now())
      limit ${n} for update skip locked))
    returning 1`,
  appSessions: (n) => sql`
    delete from app_sessions where ctid = any(array(
      select ctid from app_sessions where revoked_at < now() - ${retention} or expires_at < now() - ${retention}
      limit ${n} for update skip locked))
    returning 1`,
} satisfies Record<string, (n: number) => SQL>;

export type JanitorReport = Record<keyof typeof SWEEPS | "refusalSummaries", number>;

/** One pass: each sweep in batches until a batch comes back short (or MAX_BATCHES), then the refusal summaries. */
export async function runJanitor(db: Db, opts: { batch?: number } = {}): Promise<JanitorReport> {
  const batch = opts.batch ?? BATCH;
  const report = {} as JanitorReport;
  for (const [name, sweep] of Object.entries(SWEEPS) as [keyof typeof SWEEPS, (n: number) => SQL][]) {
    let total = 0;
    for (let i = 0; i < MAX_BATCHES; i++) {
      const n = rowsOf(await db.execute(sweep(batch))).length;
      total += n;
      if (n < batch) break;
    }
    report[name] = total;
  }
  report.refusalSummaries = await flushEndedRefusalWindows(db);
  return report;
}

/** Started with the mail loop in every server process (lib/startup.ts); one pass a minute. */
export function startJanitor(db: Db, everyMs = 60_000): void {
  const g = globalThis as { __janitorTimer?: NodeJS.Timeout };
  if (g.__janitorTimer) return;
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    runJanitor(db)
      .catch((err: unknown) => console.error("[janitor] run failed:", err instanceof Error ? err.message : err))
      .finally(() => (running = false));
  };
  g.__janitorTimer = setInterval(tick, everyMs);
  g.__janitorTimer.unref();
  setTimeout(tick, 5_000).unref();
}
