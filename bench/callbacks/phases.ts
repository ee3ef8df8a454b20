// The two measures of a concurrency level: complete flows (start → IdP → callback, each worker one
// person), and callbacks only (flows first taken to the IdP's redirect, then only the callbacks
// sent). Each with the CPU of every party, the database's transactions, the app's memory, and a
// check that every flow left a successful report.
import os from "node:os";
import type { BenchRun } from "../harness";
import { pool as runPool, round, summarise, throughput } from "../lib";
import { newErrors, recordError, type Errors, type FlowSteps, type Pending, type Person } from "./person";

export function callbackPhases(run: BenchRun, steps: FlowSteps, phaseTimeLimitMs: number) {
  const { start, atIdp, callback } = steps;
  const { snapshot, cpuPer } = run.meter;
  const pool = (workers: Person[], count: number, task: (person: Person, i: number) => Promise<void>) =>
    runPool(workers, count, phaseTimeLimitMs, task);

  /** Committed + rolled back transactions in this database (each autocommit statement is one). */
  async function transactionCount(settle: boolean): Promise<number> {
    // PostgreSQL publishes a backend's counters at most once a second: let them settle first.
    if (settle) await new Promise((r) => setTimeout(r, 1200));
    const sql = run.check!;
    const [row] = await sql<
      { n: string }[]
    >`select xact_commit + xact_rollback as n from pg_stat_database where datname = current_database()`;
    return Number(row?.n ?? 0);
  }

  async function checkReports(ids: string[]) {
    if (ids.length === 0) return { checked: 0, notOk: 0, missing: 0 };
    const sql = run.check!;
    const rows = await sql<
      { id: string; ok: boolean | null }[]
    >`select id, (result->>'ok')::boolean as ok from oauth_transactions where id = any(${ids}::uuid[])`;
    const ok = new Map(rows.map((r) => [r.id, r.ok]));
    const notOk = ids.filter((id) => ok.has(id) && ok.get(id) !== true).length;
    const missing = ids.filter((id) => !ok.has(id)).length;
    return { checked: ids.length, notOk, missing };
  }

  /**
   * Runs `work` between two CPU snapshots, then reads the transactions it made and checks the
   * reports of the flows it completed (`ids`); a report missing or not ok counts in `errors`.
   */
  async function measured(errors: Errors, ids: string[], work: () => Promise<{ started: number; timedOut: boolean }>) {
    run.rssPeakKiB = 0;
    const xact0 = await transactionCount(true);
    const before = await snapshot();
    const { started, timedOut } = await work();
    const after = await snapshot();
    const seconds = (after.at - before.at) / 1000;
    const dbTransactions = (await transactionCount(true)) - xact0;
    const reports = await checkReports(ids);
    errors.report = reports.notOk + reports.missing;
    return {
      started,
      timedOut,
      seconds,
      /** CPU and database transactions per flow (or callback). */
      per: (count: number) => ({
        ...cpuPer(before, after, count),
        dbTransactions: round(dbTransactions / Math.max(1, count), 1),
      }),
      end: {
        peakRssMiB: run.peakRssMiB(),
        rssAtEndMiB: run.rssMiB(),
        loadAverage: os.loadavg().map((l) => round(l)),
        reports,
        errors,
      },
    };
  }

  /** Complete flows, as people do them: start → IdP → callback, each worker one person. */
  async function flows(workers: Person[], count: number) {
    const startMs: number[] = [];
    const callbackMs: number[] = [];
    const appMs: number[] = [];
    const idpMs: number[] = [];
    const ids: string[] = [];
    const errors = newErrors();
    const m = await measured(errors, ids, () =>
      pool(workers, count, async (person) => {
        try {
          const s = await start(person);
          const i = await atIdp(person, s.authorizationUrl);
          const c = await callback({ person, callbackUrl: i.callbackUrl, cookie: person.flowCookie! });
          startMs.push(s.ms);
          callbackMs.push(c.ms);
          appMs.push(s.ms + c.ms);
          idpMs.push(i.ms);
          ids.push(c.transactionId);
        } catch (e) {
          recordError(errors, e);
        }
      }),
    );
    return {
      ...throughput(m.started, ids.length, m.timedOut, m.seconds),
      appLatencyMs: summarise(appMs),
      startMs: summarise(startMs),
      callbackMs: summarise(callbackMs),
      idpSignInMs: summarise(idpMs),
      perFlow: m.per(m.started),
      ...m.end,
    };
  }

  /**
   * Callbacks only: first N flows are taken to the point where the IdP sends the person back
   * (measuring the app's CPU per start on the way), then all callbacks arrive at `workers` concurrency.
   */
  async function burst(workers: Person[], collectors: Person[], count: number) {
    const pending: Pending[] = [];
    const errors = newErrors();
    const b0 = await snapshot();
    await pool(collectors, count, async (person) => {
      try {
        const s = await start(person);
        const i = await atIdp(person, s.authorizationUrl);
        pending.push({ person, callbackUrl: i.callbackUrl, cookie: person.flowCookie! });
      } catch (e) {
        recordError(errors, e);
      }
    });
    const b1 = await snapshot();
    const callbackMs: number[] = [];
    const ids: string[] = [];
    const m = await measured(errors, ids, () =>
      pool(workers, pending.length, async (_person, i) => {
        try {
          const c = await callback(pending[i]!);
          callbackMs.push(c.ms);
          ids.push(c.transactionId);
        } catch (e) {
          recordError(errors, e);
        }
      }),
    );
    return {
      callbacks: pending.length,
      completed: ids.length,
      timedOut: m.timedOut,
      seconds: round(m.seconds),
      callbacksPerSecond: round(ids.length / m.seconds, 1),
      callbackMs: summarise(callbackMs),
      perCallback: m.per(pending.length),
      // Starts and IdP sign-ins at 10 concurrent: the app's CPU here is its start requests.
      perStartWhileCollecting: cpuPer(b0, b1, count),
      ...m.end,
    };
  }

  return { flows, burst };
}

export type FlowsResult = Awaited<ReturnType<ReturnType<typeof callbackPhases>["flows"]>>;
export type BurstResult = Awaited<ReturnType<ReturnType<typeof callbackPhases>["burst"]>>;
