// What the end-to-end benches (callbacks.ts, signer-load.ts) share: the settings check, the
// production build's id, and a run: the IdP and the app it starts (stopped once, and only that),
// their CPU meter and the app's memory. The IdP's process is in idp-process.ts.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type postgres from "postgres";
import { startAppServer, type AppServer } from "../e2e/fixtures/app-server";
import { inspectorEnv } from "./profile";
import { alive, commandLine, peakRssKiB, processTree, rssKiB } from "./callbacks-proc";
import { cpuMeter } from "./cpu-meter";
import { startIdp, stopChild, type IdpInfo } from "./idp-process";
import { round, withTimeout } from "./lib";

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
  /** The app's largest resident memory since a measure set it to 0 (sampleRss). */
  rssPeakKiB = 0;
  readonly meter = cpuMeter({ app: () => this.appPids, idp: () => this.idpPids }, () => this.check!);
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

  /** The bench's body: a failure is printed with the app's last output; what was started is stopped either way. */
  async execute(main: () => Promise<void>): Promise<void> {
    try {
      await main();
    } catch (err) {
      console.error(`[bench] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      if (this.app) console.error(`[bench] app output (last lines):\n${this.app.logs().slice(-2000)}`);
      process.exitCode = 1;
    } finally {
      await this.cleanup();
    }
  }

  /** The test OpenID Provider in its own process, redirecting to `redirectPrefix` (one or more). */
  async startIdp(port: number, redirectPrefix: string | string[]): Promise<IdpInfo> {
    const { info, child } = await startIdp(port, redirectPrefix);
    this.idpChild = child;
    this.idpPids = processTree(child.pid!);
    return info;
  }

  /** The production build on this run's database, trusting the IdP on `idpPort`; `env` adds to its environment. */
  async startApp(
    port: number,
    app: {
      appUrl: string;
      encryptionKey: Buffer;
      idpPort: number;
      env?: Record<string, string>;
      /** The app's inspector on this loopback port (bench/profile.ts; one worker only). */
      inspectPort?: number;
    },
  ): Promise<AppServer> {
    // This script's own helpers (tsx's esbuild service) are not the app: note what runs before the start.
    const ownBefore = new Set(processTree(process.pid));
    this.app = await startAppServer(port, {
      DATABASE_URL: this.database!.url,
      APP_URL: app.appUrl,
      PORT: String(port),
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      ENCRYPTION_KEY: app.encryptionKey.toString("base64"),
      ADMIN_EMAIL: "admin@example.test",
      ADMIN_PASSWORD: `bench-${randomBytes(9).toString("base64url")}`,
      TRUSTED_HOSTS: `127.0.0.1:${app.idpPort}`,
      // One worker unless the bench's own environment asks for more (both cores: WEB_CONCURRENCY=2).
      WEB_CONCURRENCY: process.env.WEB_CONCURRENCY ?? "1",
      ...(app.inspectPort ? inspectorEnv(app.inspectPort) : {}),
      ...app.env,
    });
    // What appeared under this script with the app's start is the app: the launcher (scripts/start.ts
    // serves Next in its own process since it stamps each client's address) and anything it spawns.
    this.appPids = processTree(process.pid).filter((pid) => !ownBefore.has(pid));
    if (!this.appPids.some((pid) => /next|scripts\/start\.ts/.test(commandLine(pid))))
      throw new Error(`cannot find the next start process among ${this.appPids.map(commandLine).join("; ")}`);
    return this.app;
  }

  /** Samples the app's resident memory every 50 ms into rssPeakKiB. */
  sampleRss(): void {
    this.sampler = setInterval(() => {
      this.rssPeakKiB = Math.max(this.rssPeakKiB, rssKiB(this.appPids));
    }, 50);
  }

  /** The app's resident memory now, MiB. */
  rssMiB = () => round(rssKiB(this.appPids) / 1024, 1);
  /** The largest the sampler saw since the last reset, MiB. */
  peakRssMiB = () => round(this.rssPeakKiB / 1024, 1);

  /** The app's largest process (the one serving Next when there is one worker). */
  serverPid(): number {
    return this.appPids.reduce((a, b) => (peakRssKiB(b) > peakRssKiB(a) ? b : a), this.appPids[0]!);
  }

  /** The kernel's own peak resident memory (VmHWM) of the app's largest process, MiB. */
  kernelPeakRssMiB(): number {
    return round(peakRssKiB(this.serverPid()) / 1024, 1);
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
