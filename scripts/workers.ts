// How many app workers the launcher runs (scripts/start.ts): WEB_CONCURRENCY when set, else one
// per core. The embedded database (no DATABASE_URL) lives in one process's memory and data folder,
// so it always runs one worker; the reason is printed rather than the setting silently ignored.

export const MAX_WORKERS = 64;

export type WorkerPlan = { count: number; note?: string };

export function planWorkers(opts: { webConcurrency?: string; cores: number; embedded: boolean }): WorkerPlan {
  const raw = opts.webConcurrency?.trim();
  let requested: number | undefined;
  if (raw) {
    if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_WORKERS)
      throw new Error(`WEB_CONCURRENCY must be a whole number from 1 to ${MAX_WORKERS}, got "${opts.webConcurrency}"`);
    requested = Number(raw);
  }
  if (opts.embedded) {
    return requested && requested > 1
      ? {
          count: 1,
          note: `WEB_CONCURRENCY=${requested} needs PostgreSQL: the embedded database serves one process. Set DATABASE_URL to run ${requested} workers.`,
        }
      : { count: 1 };
  }
  return { count: requested ?? Math.max(1, Math.min(opts.cores, MAX_WORKERS)) };
}
