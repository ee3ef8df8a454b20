// Security log reads at 1,000,000 audit rows on real PostgreSQL: first page, deep page, and each
// filter, as the Settings → Envelope History / Audit page and its API run them.
//   npx tsx bench/security-log.ts            (ROWS=1000000 RUNS=50 to change the load)
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { openDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { createTestDatabase } from "../db/test/databases";
import { listSecurityLog } from "../lib/audit/list-events";
import { verifyAuditStream } from "../lib/audit/verify-stream";
import { ZSecurityLogQuery, type TSecurityLogQuery } from "../lib/audit/schema";
import { report, seedAuditEvents, summarise } from "./lib";

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 50);
const providers = [randomUUID(), randomUUID(), randomUUID()];

const database = await createTestDatabase("bench");
try {
  const handle = await openDatabase({ databaseUrl: database.url, maxConnections: 2 });
  await migrateDatabase(handle, database.url);
  const seedSeconds = await seedAuditEvents(handle.db, ROWS, providers);
  await handle.db.execute(sql`analyze audit_events`);
  const at = (frac: number) => new Date(Date.now() - (seedSeconds * 1000 + 5000) * frac);

  const queries: Record<string, TSecurityLogQuery> = {
    firstPage: {},
    deepPage: { before: Math.floor(ROWS / 2) },
    lastPage: { before: 60 },
    byAction: { action: "ProviderChanged" },
    byActor: { actor: "user4242@example.test" },
    byProvider: { provider: providers[1] },
    byTimeRange: { from: at(0.6), to: at(0.5) },
    actionAndActorDeep: { action: "LoginFailed", actor: "user1@example.test", before: Math.floor(ROWS / 3) },
    rareAction: { action: "RoleChanged" },
  };
  const results: Record<string, unknown> = {};
  for (const [name, q] of Object.entries(queries)) {
    const query = ZSecurityLogQuery.parse(q);
    const latencies: number[] = [];
    let items = 0;
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const page = await listSecurityLog(handle.db, query);
      latencies.push(performance.now() - t);
      items = page.items.length;
    }
    results[name] = { itemsOnPage: items, latencyMs: summarise(latencies) };
  }
  const verifyStart = performance.now();
  const verification = await verifyAuditStream(handle.db, "org");
  const verifySeconds = Math.round((performance.now() - verifyStart) / 10) / 100;
  if (!verification.valid || verification.count !== ROWS)
    throw new Error(`unexpected verification: ${JSON.stringify(verification)}`);
  results.verifyWholeStream = { rows: verification.count, seconds: verifySeconds };
  await handle.close();
  report("security-log", {
    rows: ROWS,
    seedSeconds: Math.round(seedSeconds),
    seedRowsPerSecond: Math.round(ROWS / seedSeconds),
    queries: results,
  });
} finally {
  await database.drop();
}
