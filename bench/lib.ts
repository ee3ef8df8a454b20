import { sql } from "drizzle-orm";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "../db/client";

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

export function summarise(latenciesMs: number[]) {
  const s = [...latenciesMs].sort((a, b) => a - b);
  const r = (n: number) => Math.round(n * 100) / 100;
  return {
    n: s.length,
    p50: r(percentile(s, 50)),
    p95: r(percentile(s, 95)),
    p99: r(percentile(s, 99)),
    max: r(s[s.length - 1] ?? NaN),
  };
}

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
