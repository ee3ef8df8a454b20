// The Auth.js peer (bench/peers/authjs): built once with `next build`, served by `next start` in
// its own process tree, so its CPU and memory are counted apart.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { processTree } from "../callbacks-proc";
import { portFree, stopChild } from "../idp-process";

const DIR = path.join("bench", "peers", "authjs");
const NEXT = path.join("node_modules", "next", "dist", "bin", "next");

/** Builds the peer when it has no production build yet (about 30 s). */
export function ensurePeerBuild(): string {
  const buildId = path.join(DIR, ".next", "BUILD_ID");
  if (!existsSync(buildId)) {
    console.log(`[bench] building the Auth.js peer (${DIR})`);
    const built = spawnSync(process.execPath, [NEXT, "build", DIR], {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (built.status !== 0) throw new Error(`next build ${DIR} failed (exit code ${built.status})`);
  }
  return buildId;
}

export type Peer = { url: string; pids: () => number[]; stop: () => Promise<void>; logs: () => string };

export async function startPeer(
  port: number,
  idp: { issuer: string; clientId: string; clientSecret: string },
  secret: string,
  env: Record<string, string> = {},
): Promise<Peer> {
  if (!(await portFree(port))) throw new Error(`Port ${port} (Auth.js peer) is in use: set PEER_PORT`);
  const url = `http://localhost:${port}`;
  const child: ChildProcess = spawn(process.execPath, [NEXT, "start", DIR, "-p", String(port)], {
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      AUTH_SECRET: secret,
      AUTH_URL: url,
      PEER_IDP_ISSUER: idp.issuer,
      PEER_CLIENT_ID: idp.clientId,
      PEER_CLIENT_SECRET: idp.clientSecret,
      ...env,
    },
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The Auth.js peer exited with code ${child.exitCode}:\n${output}`);
    const ok = await fetch(`${url}/api/auth/csrf`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`The Auth.js peer did not answer within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, pids: () => processTree(child.pid!), stop: () => stopChild(child), logs: () => output };
}
