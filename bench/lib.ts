// What the benches share: figures (percentiles, rounding, a text table), the result file,
// a bounded worker pool, a time limit on a promise, audit rows seeded as the trigger chains them.
import { sql } from "drizzle-orm";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "../db/client";

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export const withTimeout = <T>(p: Promise<T>, ms: number, what: string) =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e)),
    );
  });

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

export function summarise(latenciesMs: number[]) {
  const s = [...latenciesMs].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: round(percentile(s, 50)),
    p95: round(percentile(s, 95)),
    p99: round(percentile(s, 99)),
    max: round(s[s.length - 1] ?? NaN),
  };
}

export const table = (rows: (string | number)[][]) => {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows
    .map((r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]!) : String(c).padStart(widths[i]!))).join("  "))
    .join("\n");
};

/** Runs `count` tasks on the workers (one person each), in parallel; stops taking new ones at the deadline. */
export async function pool<W>(
  workers: W[],
  count: number,
  deadlineMs: number,
  task: (worker: W, i: number) => Promise<void>,
) {
  const deadline = Date.now() + deadlineMs;
  let next = 0;
  let timedOut = false;
  await Promise.all(
    workers.map(async (worker) => {
      for (;;) {
        if (Date.now() > deadline) {
          timedOut = true;
          return;
        }
        const i = next++;
        if (i >= count) return;
        await task(worker, i);
      }
    }),
  );
  return { started: Math.min(next, count), timedOut };
}

/** How many flows a level started and completed in `seconds`, and the rate of completed ones. */
export const throughput = (flows: number, completed: number, timedOut: boolean, seconds: number) => ({
  flows,
  completed,
  timedOut,
  seconds: round(seconds),
  flowsPerSecond: round(completed / seconds, 1),
});

export const machine = () => ({
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
});

/** Writes bench/results/<name>.json and prints the figures. */
export function report(name: string, results: unknown) {
  const out = { bench: name, at: new Date().toISOString(), machine: machine(), results };
  mkdirSync(path.join("bench", "results"), { recursive: true });
  writeFileSync(path.join("bench", "results", `${name}.json`), `${JSON.stringify(out, null, 2)}\n`);
  console.log(JSON.stringify(out, null, 2));
}

/**
 * Seeds `rows` audit events in stream "org" through the chaining trigger, like every real row:
 * six actions, 5,000 actors, the given providers and none in turn. One transaction per 1,000
 * rows: each row moves the stream head, and one transaction's many versions of that row slow it
 * down. Returns the seconds it took.
 */
export async function seedAuditEvents(db: Db, rows: number, providers: string[]): Promise<number> {
  const start = performance.now();
  const providerIds = sql.join([...providers.map((p) => sql`${p}::uuid`), sql`null`], sql`, `);
  for (let from = 1; from <= rows; from += 1_000) {
    const to = Math.min(rows, from + 999);
    await db.execute(sql`
      insert into audit_events (stream, action, description, actor_label, provider_id, ip, data)
      select 'org',
        (array['LoginSucceeded','LoginFailed','ProviderChanged','AssignmentInvited','AssignmentBound','UserChanged'])[1 + i % 6],
        'event ' || i, 'user' || (i % 5000) || '@example.test',
        (array[${providerIds}])[1 + i % ${providers.length + 1}::int],
        '192.0.2.' || (i % 250), jsonb_build_object('i', i)
      from generate_series(${from}::int, ${to}::int) i`);
  }
  return (performance.now() - start) / 1000;
}
