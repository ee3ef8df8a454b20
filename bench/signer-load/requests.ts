// What each of a flow's five requests costs apart: K signers go through their flows side by side,
// the app's requests one at a time, and all wait at each step (open, start, callback, resume,
// landing) until every one has done it; between steps the app's CPU, its PostgreSQL backends' CPU
// and the database's committed transactions (pg_stat_database, read from another database once
// the backends have flushed their counters) are read, so each figure is one kind of request's.
import postgres from "postgres";
import type { BenchRun } from "../harness";
import { round } from "../lib";
import { authenticateSigner, type SignerPerson, type SignerPhase } from "../signer-flow";
import { saveProfile, summariseProfile, type connectProfiler, type ProfileSummary } from "../profile";

const PHASES: SignerPhase[] = ["open", "start", "callback", "resume", "landing"];
/** An idle backend flushes its statistics within PGSTAT_IDLE_INTERVAL (10 s). */
const STATS_FLUSH_MS = 11_000;

/** With a profiler: each step's V8 CPU profile, saved in `dir` and summarised per request. */
export type RequestProfiling = { profiler: Awaited<ReturnType<typeof connectProfiler>>; dir: string };

export async function measureRequests(
  run: BenchRun,
  input: { appUrl: string; providerId: string; links: string[]; persons: SignerPerson[] },
  profiling?: RequestProfiling,
) {
  const url = new URL(run.database!.url);
  const databaseName = url.pathname.slice(1);
  url.pathname = "/postgres";
  const stats = postgres(url.toString(), { max: 1, onnotice: () => {} });
  const xacts = async () => {
    await new Promise((r) => setTimeout(r, STATS_FLUSH_MS));
    const [row] = await stats<{ n: string }[]>`
      select xact_commit + xact_rollback n from pg_stat_database where datname = ${databaseName}`;
    return Number(row!.n);
  };
  const k = input.links.length;
  const result: Record<string, { appCpuMs: number; dbCpuMs: number; transactions: number }> = {};
  const profiles: Partial<Record<SignerPhase, ProfileSummary & { file: string }>> = {};
  let lock = Promise.resolve();
  let release = () => {};
  let arrived = 0;
  let waiting: (() => void)[] = [];
  // The app's pollers (outbox, status callbacks, seal jobs, reminders, janitor) commit transactions
  // of their own while nothing else happens: their rate, measured idle, is taken off each step.
  const idle0 = { at: performance.now(), n: await xacts() };
  const idle1 = { at: performance.now(), n: await xacts() };
  const backgroundPerMs = (idle1.n - idle0.n) / (idle1.at - idle0.at);
  let before = { cpu: await run.meter.snapshot(), xacts: await xacts(), at: performance.now() };
  const hooks = {
    // One app request at a time: each figure is a request's own cost, not a share of a crowd's.
    before: async () => {
      const previous = lock;
      let mine = () => {};
      lock = new Promise<void>((r) => (mine = r));
      await previous;
      release = mine;
    },
    after: async (phase: SignerPhase) => {
      release();
      if (++arrived < k) return new Promise<void>((r) => waiting.push(r));
      const cpu = await run.meter.snapshot();
      if (profiling) {
        const raw = await profiling.profiler.stop();
        profiles[phase] = { ...summariseProfile(raw, k), file: saveProfile(profiling.dir, `signer-${phase}`, raw) };
      }
      const per = run.meter.cpuPer(before.cpu, cpu, k);
      // The meter's own pg_stat_activity read is one transaction on the bench database.
      const count = await xacts();
      const at = performance.now();
      result[phase] = {
        appCpuMs: per.appCpuMs,
        dbCpuMs: per.dbCpuMs,
        transactions: round((count - before.xacts - 1 - backgroundPerMs * (at - before.at)) / k, 1),
      };
      // The next step starts from here: this snapshot's own pg_stat_activity read is one more transaction.
      before = { cpu: await run.meter.snapshot(), xacts: count + 1, at };
      arrived = 0;
      await profiling?.profiler.start();
      const go = waiting;
      waiting = [];
      go.forEach((r) => r());
    },
  };
  try {
    await profiling?.profiler.start();
    await Promise.all(
      input.links.map((link, i) =>
        authenticateSigner(input.persons[i]!, { appUrl: input.appUrl, providerId: input.providerId, link }, hooks),
      ),
    );
  } finally {
    await stats.end({ timeout: 5 });
    if (profiling) {
      await profiling.profiler.stop().catch(() => {});
      profiling.profiler.close();
    }
  }
  const perFlow = (key: "appCpuMs" | "dbCpuMs" | "transactions") =>
    round(PHASES.reduce((sum, p) => sum + (result[p]?.[key] ?? 0), 0));
  return {
    signers: k,
    backgroundTransactionsPerSecond: round(backgroundPerMs * 1000, 2),
    byRequest: result,
    perFlow: { appCpuMs: perFlow("appCpuMs"), dbCpuMs: perFlow("dbCpuMs"), transactions: perFlow("transactions") },
    ...(profiling ? { profiles } : {}),
  };
}
