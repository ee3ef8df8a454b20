// What the end-to-end benches (callbacks.ts, signer-load.ts) share: the settings check, the
// production build's id, and what a bench started (stopped once, and only that). The IdP's
// process is in idp-process.ts, the CPU meter in cpu-meter.ts.
import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type postgres from "postgres";
import type { AppServer } from "../e2e/fixtures/app-server";
import { alive } from "./callbacks-proc";
import { stopChild } from "./idp-process";
import { withTimeout } from "./lib";

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
