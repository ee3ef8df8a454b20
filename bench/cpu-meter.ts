// CPU per flow of each party of an end-to-end bench (the app, the IdP, the app's PostgreSQL
// backends, the bench itself) and of the whole machine, from /proc counters.
import type postgres from "postgres";
import { clockTicksPerSecond, cpuTicks, machineTicks, ticksBetween } from "./callbacks-proc";
import { round } from "./lib";

export type Snapshot = {
  app: Map<number, number>;
  idp: Map<number, number>;
  db: Map<number, number>;
  driverUs: number;
  machine: ReturnType<typeof machineTicks>;
  at: number;
};

/**
 * CPU readings of the app's processes, the IdP's, and the app's PostgreSQL backends (found in
 * pg_stat_activity through `check`, this bench's own connection, which is left out).
 */
export function cpuMeter(pids: { app: () => number[]; idp: () => number[] }, check: () => postgres.Sql) {
  const TICKS = clockTicksPerSecond();
  const ticksToMs = (ticks: number) => (ticks * 1000) / TICKS;
  async function snapshot(): Promise<Snapshot> {
    const rows = await check()<
      { pid: number }[]
    >`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;
    const own = process.cpuUsage();
    return {
      app: cpuTicks(pids.app()),
      idp: cpuTicks(pids.idp()),
      db: cpuTicks(rows.map((r) => r.pid)),
      driverUs: own.user + own.system,
      machine: machineTicks(),
      at: performance.now(),
    };
  }
  /** The whole machine over the same time: busy cores (everyone, ours included), and idle ones. */
  function machineShare(before: Snapshot, after: Snapshot) {
    const seconds = (after.at - before.at) / 1000;
    const cores = (ticks: number) => round(ticksToMs(ticks) / 1000 / seconds, 2);
    return {
      machineBusy: cores(after.machine.busy - before.machine.busy),
      machineIdle: cores(after.machine.idle - before.machine.idle),
      machineSteal: cores(after.machine.steal - before.machine.steal),
    };
  }
  /** CPU ms per flow of each party between two snapshots, and how many cores each kept busy. */
  function cpuPer(before: Snapshot, after: Snapshot, count: number) {
    const per = (k: "app" | "idp" | "db") => round(ticksToMs(ticksBetween(before[k], after[k])) / Math.max(1, count));
    const seconds = (after.at - before.at) / 1000;
    const busy = (k: "app" | "idp" | "db") => round(ticksToMs(ticksBetween(before[k], after[k])) / 1000 / seconds, 2);
    // This script's own CPU (HTTP client, the IdP's HTML pages): it shares the machine's cores too.
    const driverMs = (after.driverUs - before.driverUs) / 1000;
    return {
      appCpuMs: per("app"),
      idpCpuMs: per("idp"),
      dbCpuMs: per("db"),
      driverCpuMs: round(driverMs / Math.max(1, count)),
      coresBusy: {
        app: busy("app"),
        idp: busy("idp"),
        db: busy("db"),
        driver: round(driverMs / 1000 / seconds, 2),
        ...machineShare(before, after),
      },
    };
  }
  return { snapshot, cpuPer, ticksPerSecond: TICKS, ticksToMs };
}
