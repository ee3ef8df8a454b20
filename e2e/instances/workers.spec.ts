// `npm start` on PostgreSQL runs WEB_CONCURRENCY workers (Node's cluster module shares the port):
// both serve requests, a crashed worker is replaced, stopping the launcher stops them all.
// Workers are found as the launcher's child processes; which one served a request is read from
// each worker's CPU time in /proc (the app tells no client its process).
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import { expect, test } from "@playwright/test";
import { E2E_PORT } from "../../playwright.config";
import { createTestDatabase } from "../../db/test/databases";
import { startAppServer, type AppServer } from "../fixtures/app-server";

test.describe.configure({ timeout: 180_000 });

const PORT = E2E_PORT + 22;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: AppServer | undefined;

test.afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

/** The launcher's live child processes (its workers). */
function workerPids(launcher: number): number[] {
  try {
    return execFileSync("ps", ["-o", "pid=", "--ppid", String(launcher)], { encoding: "utf8" })
      .split("\n")
      .map((l) => Number(l.trim()))
      .filter((pid) => pid > 0);
  } catch {
    return []; // ps exits 1 when there is no child
  }
}

/** CPU time (user + system clock ticks) a process has used. */
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

/** One request on its own connection, so the cluster's round robin can pick another worker. */
function healthOnNewConnection(): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port: PORT, path: "/api/health", agent: false }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      })
      .on("error", reject);
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test("two workers serve, a killed one is replaced, stopping the launcher stops both", async () => {
  database = await createTestDatabase("workers");
  app = await startAppServer(PORT, {
    DATABASE_URL: database.url,
    WEB_CONCURRENCY: "2",
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    ADMIN_EMAIL: "admin@workers.test",
    ADMIN_PASSWORD: `w-${randomBytes(9).toString("base64url")}`,
  });
  await expect.poll(() => app!.logs(), { timeout: 60_000 }).toMatch(/ready on \S+ with 2 workers/);
  const first = workerPids(app.pid);
  expect(first).toHaveLength(2);

  // Both workers answer: each one's CPU time grows over 200 requests on fresh connections.
  const before = first.map(cpuTicks);
  for (let i = 0; i < 20; i++) {
    const codes = await Promise.all(Array.from({ length: 10 }, healthOnNewConnection));
    expect(codes.every((c) => c === 200)).toBe(true);
  }
  const after = first.map(cpuTicks);
  expect(after[0]!).toBeGreaterThan(before[0]!);
  expect(after[1]!).toBeGreaterThan(before[1]!);

  // A worker dies: the launcher starts another one, and the app keeps answering.
  process.kill(first[0]!, "SIGKILL");
  await expect.poll(() => workerPids(app!.pid).filter((p) => !first.includes(p)), { timeout: 90_000 }).toHaveLength(1);
  expect(workerPids(app.pid)).toHaveLength(2);
  expect(app.logs()).toContain(`worker ${first[0]} stopped (signal SIGKILL); starting a new one`);
  await expect.poll(healthOnNewConnection, { timeout: 60_000 }).toBe(200);

  const workers = workerPids(app.pid);
  await app.stop();
  app = undefined;
  await expect.poll(() => workers.filter(alive), { timeout: 20_000 }).toEqual([]);
});
