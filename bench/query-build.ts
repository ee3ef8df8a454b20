// What drizzle's query building costs on the hot paths, and what a prepared statement saves
// (db/prepared.ts): each statement run against PostgreSQL built on every call (what drizzle does
// for a plain query: SQL generated from the query objects, then run) and prepared once (the SQL
// kept, only the values bound), CPU of this process per call (median of rounds) and p50 wall.
// The statements: the signing link's read (open, start and every signer page), the callback's
// consume with its provider, the session lookup of every signed-in page, a flow's start (its
// transaction row written, its provider read).
//   npx tsx bench/query-build.ts     (CALLS=2000 ROUNDS=5)
import { openDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { createTestDatabase } from "../db/test/databases";
import { selectSigning } from "../lib/envelopes/find-signing";
import { consumeStatement } from "../lib/flows/consume-transaction";
import { insertTransactionReadProvider } from "../lib/flows/start-flow";
import { selectLiveSession } from "../lib/sessions/sessions";
import { report, round, table } from "./lib";

const CALLS = Number(process.env.CALLS ?? 2000);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const database = await createTestDatabase("bench_qb");
const handle = await openDatabase({ databaseUrl: database.url, maxConnections: 1 });
try {
  await migrateDatabase(handle, database.url);
  const { db } = handle;
  // Values that match no row: the reads run in full and change nothing; the start writes a row per call.
  let n = 0;
  const none = "00000000-0000-0000-0000-000000000000";
  const statements = [
    ["signing link read (find_signing)", selectSigning, () => ({ linkTokenHash: "none" })],
    [
      "callback consume + provider (consume_transaction)",
      consumeStatement,
      () => ({ stateHash: "none", browserHash: "none", providerId: none }),
    ],
    ["session lookup (find_live_session)", selectLiveSession, () => ({ idHash: "none" })],
    [
      "flow start: insert + provider (start_flow)",
      insertTransactionReadProvider,
      () => ({
        id: crypto.randomUUID(),
        stateHash: `state-${n++}-${Math.random()}`,
        browserHash: "b",
        providerId: none,
        purpose: "test",
        secretsSealed: "s",
        redirectUri: "http://localhost/cb",
        subjectRef: null,
        returnTo: null,
        actorUserId: null,
        expiresAt: new Date(),
      }),
    ],
  ] as const;
  const rows = [];
  for (const [name, statement, values] of statements) {
    const ways = {
      built: () => statement.build(db).execute(values()),
      prepared: () => statement(db, values()),
    };
    const figures = {} as Record<keyof typeof ways, { cpuUs: number; p50Us: number }>;
    for (const way of ["built", "prepared"] as const) {
      const call = ways[way];
      for (let i = 0; i < 300; i++) await call(); // warm-up: JIT and the server's plan cache
      const cpu: number[] = [];
      const wall: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        const c = process.cpuUsage();
        for (let i = 0; i < CALLS; i++) {
          const t = performance.now();
          await call();
          wall.push(performance.now() - t);
        }
        const used = process.cpuUsage(c);
        cpu.push((used.user + used.system) / CALLS);
      }
      figures[way] = { cpuUs: round(median(cpu), 0), p50Us: round(median(wall) * 1000, 0) };
    }
    rows.push({ name, ...figures, savedCpuUs: round(figures.built.cpuUs - figures.prepared.cpuUs, 0) });
  }
  report("query-build", { calls: CALLS, rounds: ROUNDS, statements: rows });
  console.log(
    `\n${table([
      ["statement", "built per call: CPU µs", "p50 µs", "prepared: CPU µs", "p50 µs", "CPU saved µs"],
      ...rows.map((r) => [r.name, r.built.cpuUs, r.built.p50Us, r.prepared.cpuUs, r.prepared.p50Us, r.savedCpuUs]),
    ])}`,
  );
} finally {
  await handle.close();
  await database.drop();
}
process.exit(0);
