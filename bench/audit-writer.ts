// Audit writer throughput on real PostgreSQL: one writer, 20 writers into one stream, 20 writers
// into 20 streams; each event in its own transaction (as a single change would be), then in
// batches of BATCH events per transaction (as a flow that records several steps at once).
//   npx tsx bench/audit-writer.ts            (EVENTS=5000 WRITERS=20 BATCH=50 to change the load)
import { randomUUID } from "node:crypto";
import { openDatabase, type DbHandle } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { createTestDatabase } from "../db/test/databases";
import { emitAuditBatch } from "../lib/audit/emit-audit";
import { envelopeStream } from "../lib/audit/events";
import { verifyAuditStream } from "../lib/audit/verify-stream";
import { report, summarise } from "./lib";

const EVENTS = Number(process.env.EVENTS ?? 5000);
const WRITERS = Number(process.env.WRITERS ?? 20);
const BATCH = Number(process.env.BATCH ?? 50);
const ctx = { actor: { kind: "system" as const }, ip: "192.0.2.1" };

async function run(handles: DbHandle[], streamOf: (w: number) => string, eachWriter: number, batch: number) {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    handles.map(async (h, w) => {
      for (let i = 0; i < eachWriter; i += batch) {
        const events = Array.from({ length: batch }, (_, k) => ({
          action: "PageViewChanged" as const,
          envelopeId: streamOf(w).slice(9),
          data: { page: i + k + 1 },
        }));
        const t = performance.now();
        await h.db.transaction((tx) => emitAuditBatch(tx, ctx, events));
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const events = latencies.length * batch;
  return {
    events,
    eventsPerTransaction: batch,
    seconds: Math.round(seconds * 100) / 100,
    eventsPerSecond: Math.round(events / seconds),
    transactionLatencyMs: summarise(latencies),
  };
}

async function scenarios(url: string, synchronousCommit: "on" | "off", batch: number) {
  const open = () =>
    openDatabase({ databaseUrl: url, maxConnections: 1, connection: { synchronous_commit: synchronousCommit } });
  const one = [await open()];
  const many = await Promise.all(Array.from({ length: WRITERS }, open));
  const shared = envelopeStream(randomUUID());
  const own = many.map(() => envelopeStream(randomUUID()));
  const result = {
    oneWriterOneStream: await run(one, () => shared, EVENTS, batch),
    [`${WRITERS}WritersOneStream`]: await run(many, () => shared, Math.ceil(EVENTS / WRITERS), batch),
    [`${WRITERS}WritersOwnStreams`]: await run(many, (w) => own[w]!, Math.ceil(EVENTS / WRITERS), batch),
  };
  const verify = await verifyAuditStream(one[0]!.db, shared);
  if (!verify.valid) throw new Error(`chain broken: ${JSON.stringify(verify)}`);
  await Promise.all([...one, ...many].map((h) => h.close()));
  return result;
}

const database = await createTestDatabase("bench");
try {
  const handle = await openDatabase({ databaseUrl: database.url, maxConnections: 1 });
  await migrateDatabase(handle, database.url);
  await handle.close();
  report("audit-writer", {
    events: EVENTS,
    writers: WRITERS,
    oneEventPerTransaction: await scenarios(database.url, "on", 1),
    [`${BATCH}EventsPerTransaction`]: await scenarios(database.url, "on", BATCH),
    // Commits not waiting for fsync: the difference to the first is what the disk costs.
    oneEventPerTransactionNoFsyncWait: await scenarios(database.url, "off", 1),
  });
} finally {
  await database.drop();
}
