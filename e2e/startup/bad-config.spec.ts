import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";

/** Runs a command to its end (or the timeout) and returns its exit code and output. */
function run(cmd: string, args: string[], env: Record<string, string>, timeoutMs = 60_000) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(cmd, args, {
      env: { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const tsx = path.join("node_modules", ".bin", "tsx");

test("an unreachable DATABASE_URL is one clear line and a non-zero exit", async () => {
  const result = await run(tsx, ["scripts/start.ts"], {
    PORT: "3197",
    DATABASE_URL: "postgres://postgres:hunter2@127.0.0.1:1/nowhere",
  });
  expect(result.code).toBe(1);
  expect(result.output).toContain(
    "[startup] Cannot use the database at postgres://postgres@127.0.0.1:1/nowhere: connect ECONNREFUSED 127.0.0.1:1. Check DATABASE_URL and that PostgreSQL is running.",
  );
  expect(result.output).not.toContain("hunter2");
  expect(result.output).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
});

test("a port already in use is a clear message, not a stack trace", async () => {
  const blocker = net.createServer().listen(3198);
  await new Promise((r) => blocker.once("listening", r));
  try {
    const result = await run(tsx, ["scripts/start.ts"], { PORT: "3198" });
    expect(result.code).toBe(1);
    expect(result.output.trim()).toBe(
      "[start] Port 3198 is already in use. Stop what is using it, or start on another port: PORT=3100 npm start",
    );
  } finally {
    blocker.close();
  }
});

test("an invalid environment variable names itself", async () => {
  const result = await run(tsx, ["scripts/start.ts"], {
    PORT: "3199",
    ADMIN_PASSWORD: "short",
    DATA_DIR: "/tmp/bad-config-test",
  });
  expect(result.code).toBe(1);
  expect(result.output).toContain(
    "[startup] Invalid environment: ADMIN_PASSWORD: ADMIN_PASSWORD must be at least 12 characters",
  );
});
