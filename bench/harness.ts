// What the end-to-end benches (callbacks.ts, signer-load.ts) share: the test OpenID Provider as a
// child process, stopping only what a bench started, a bounded worker pool, and the CPU meter
// over the app's, the IdP's and the app's PostgreSQL backends' /proc counters.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import type postgres from "postgres";
import type { AppServer } from "../e2e/fixtures/app-server";
import { alive, clockTicksPerSecond, cpuTicks, machineTicks, ticksBetween } from "./callbacks-proc";

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export const withTimeout = <T>(p: Promise<T>, ms: number, what: string) =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e)),
    );
  });

export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

/** Stops a child through `stop`, then SIGKILLs whatever of the recorded pids ignored it (only those). */
export async function stopChildTree(stop: () => Promise<void>, pids: number[], name: string) {
  await withTimeout(stop(), 10_000, `stopping ${name}`).catch((e: unknown) => console.error(`[bench] ${String(e)}`));
  for (const pid of pids) {
    if (!alive(pid)) continue;
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
}

export const stopChild = (c: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (c.exitCode !== null || c.signalCode !== null) return resolve();
    c.once("exit", () => resolve());
    c.kill("SIGTERM");
  });

export function fail(message: string): never {
  console.error(`[bench] ${message}`);
  process.exit(1);
}

/** N, the concurrency levels and the ports a bench was given, checked before anything starts. */
export function checkSettings(n: number, levels: number[], ports: number[]): void {
  if (!Number.isInteger(n) || n < 1) fail(`N must be a positive whole number, got "${process.env.N}"`);
  if (levels.some((c) => !Number.isInteger(c) || c < 1 || c > 500))
    fail(`CONCURRENCY must be a list of whole numbers 1-500, got "${process.env.CONCURRENCY}"`);
  for (const p of ports)
    if (!Number.isInteger(p) || p < 1024 || p > 65535 || [3000, 3001, 3100].includes(p))
      fail(`Port ${p} is not usable here (1024-65535, not 3000/3001/3100)`);
}

/** The production build's id; the benches measure `next start`, not the dev server. */
export function productionBuildId(): string {
  const file = path.join(".next", "BUILD_ID");
  if (!existsSync(file))
    fail(
      "No production build (.next/BUILD_ID is missing): run `npm run build` first. This benchmark measures `next start`, not the dev server.",
    );
  return readFileSync(file, "utf8").trim();
}

/**
 * What a bench started (the IdP, the app, its database, a checking connection, the RSS sampler),
 * stopped once: at the normal end, on SIGINT/SIGTERM, or when the time limit is reached.
 */
export class BenchRun {
  idpChild: ChildProcess | null = null;
  idpPids: number[] = [];
  app: AppServer | null = null;
  appPids: number[] = [];
  database: { url: string; drop: () => Promise<void> } | null = null;
  check: postgres.Sql | null = null;
  sampler: NodeJS.Timeout | null = null;
  private cleaning: Promise<void> | null = null;

  constructor(timeLimitMs: number) {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.once(signal, () => {
        console.error(`[bench] ${signal}: stopping the app and the OpenID Provider, dropping the database`);
        void this.cleanup().finally(() => process.exit(130));
      });
    }
    setTimeout(() => {
      console.error(`[bench] time limit of ${timeLimitMs / 1000} s reached: stopping`);
      void this.cleanup().finally(() => process.exit(1));
    }, timeLimitMs).unref();
  }

  cleanup(): Promise<void> {
    this.cleaning ??= (async () => {
      if (this.sampler) clearInterval(this.sampler);
      const { app, idpChild, check, database } = this;
      if (app) await stopChildTree(() => app.stop(), this.appPids, "the app");
      if (idpChild) await stopChildTree(() => stopChild(idpChild), this.idpPids, "the OpenID Provider");
      if (check) await check.end({ timeout: 5 }).catch(() => {});
      if (database)
        await database.drop().catch((e: unknown) => console.error(`[bench] could not drop the database: ${String(e)}`));
    })();
    return this.cleaning;
  }
}

export type IdpInfo = {
  issuer: string;
  port: number;
  clients: { basic: { clientId: string; clientSecret?: string } };
  people: Record<string, { username: string; password: string }>;
};

/** e2e/fixtures/oidc-provider.ts in its own process (its CPU is not the app's), redirecting to `redirectPrefix`. */
export async function startIdp(port: number, redirectPrefix: string): Promise<{ info: IdpInfo; child: ChildProcess }> {
  if (!(await portFree(port))) throw new Error(`Port ${port} (OpenID Provider) is in use: set IDP_PORT`);
  const child = spawn(
    path.join("node_modules", ".bin", "tsx"),
    ["e2e/fixtures/run-oidc-provider.ts", "--port", String(port), "--redirect-prefix", redirectPrefix],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NODE_ENV: "production" },
    },
  );
  let out = "";
  let err = "";
  child.stderr!.on("data", (d) => (err += d));
  const info = withTimeout(
    new Promise<IdpInfo>((resolve, reject) => {
      child.stdout!.on("data", (d) => {
        out += d;
        const line = out.split("\n").find((l) => l.startsWith("{") && l.endsWith("}"));
        if (line) resolve(JSON.parse(line) as IdpInfo);
      });
      child.once("exit", (code) => reject(new Error(`The OpenID Provider exited with code ${code}:\n${out}${err}`)));
    }),
    30_000,
    "starting the OpenID Provider",
  ).catch(async (e: unknown) => {
    await stopChild(child);
    throw e;
  });
  return { info: await info, child };
}

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

export const table = (rows: (string | number)[][]) => {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows
    .map((r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]!) : String(c).padStart(widths[i]!))).join("  "))
    .join("\n");
};

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
