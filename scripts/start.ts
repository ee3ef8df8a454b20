// Launcher: checks ports, optionally starts the demo OpenID Provider and the demo mail catcher
// (an SMTP server with a web inbox, both on loopback), then serves Next behind its own HTTP server
// (scripts/serve-next.ts: the app learns each client's address): in this process when one worker
// is planned, else in WEB_CONCURRENCY worker processes (default: one per core, on PostgreSQL only)
// forked by Node's cluster module, which shares the port between them. The workers share nothing
// but the database; this process only watches them (a crashed worker is replaced).
//   tsx scripts/start.ts [--demo] [--dev]
import cluster, { type Worker } from "node:cluster";
import { existsSync } from "node:fs";
import os from "node:os";
import net from "node:net";
import { spawn } from "node:child_process";
import path from "node:path";
import { serveNext } from "./serve-next";
import { planWorkers } from "./workers";

const args = new Set(process.argv.slice(2));
const demo = args.has("--demo");
const dev = args.has("--dev");
const port = Number(process.env.PORT ?? 3000);
const idpPort = Number(process.env.DEMO_IDP_PORT ?? 3001);
const mailPort = Number(process.env.DEMO_MAIL_PORT ?? 3025);
const inboxPort = Number(process.env.DEMO_INBOX_PORT ?? 3002);
const appUrl = (process.env.APP_URL ?? `http://localhost:${port}`).replace(/\/+$/, "");

function fail(message: string): never {
  console.error(`[start] ${message}`);
  process.exit(1);
}

function portFree(p: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(p, () => server.close(() => resolve(true)));
  });
}

async function main() {
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    fail(`PORT must be a port number, got "${process.env.PORT}"`);
  if (!(await portFree(port)))
    fail(`Port ${port} is already in use. Stop what is using it, or start on another port: PORT=3100 npm start`);
  if (!dev && !existsSync(path.join(".next", "BUILD_ID")))
    fail("No production build found: run `npm run build` first (or `npm run demo`).");

  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), APP_URL: appUrl };
  let stopIdp = async () => {};
  if (demo) {
    if (!(await portFree(idpPort)))
      fail(`Port ${idpPort} (demo OpenID Provider) is already in use. Set DEMO_IDP_PORT to a free port.`);
    const { startOidcProvider } = await import("../e2e/fixtures/oidc-provider");
    const idp = await startOidcProvider({
      port: idpPort,
      redirectUriPrefixes: [`${appUrl}/oauth/callback/`],
      postLogoutRedirectUriPrefixes: [`${appUrl}/`],
    });
    let stopMail = async () => {};
    if (!process.env.SMTP_URL) {
      // A real SMTP server and its web inbox: the app delivers to it, the person reads the mail there.
      for (const [p, name] of [
        [mailPort, "DEMO_MAIL_PORT"],
        [inboxPort, "DEMO_INBOX_PORT"],
      ] as const) {
        if (!(await portFree(p))) fail(`Port ${p} (demo mail catcher) is already in use. Set ${name} to a free port.`);
      }
      const { startSmtpSink } = await import("../e2e/fixtures/smtp-sink");
      const { serveMailbox } = await import("../e2e/fixtures/mailbox");
      const sink = await startSmtpSink({ port: mailPort });
      const inbox = await serveMailbox(sink, { port: inboxPort, testControls: false });
      stopMail = async () => void (await Promise.allSettled([inbox.close(), sink.close()]));
      env.SMTP_URL = sink.url;
      console.log(
        `[start] demo mail inbox at ${inbox.url} (SMTP ${sink.url}): invitations and signing links arrive there`,
      );
    }
    stopIdp = async () => void (await Promise.allSettled([idp.close(), stopMail()]));
    const trusted = [process.env.TRUSTED_HOSTS, `127.0.0.1:${idpPort}`].filter(Boolean).join(",");
    // The demo IdP makes new client secrets at every start; the app updates its "Demo IdP" provider.
    Object.assign(env, {
      DEMO: "1",
      DEMO_IDP_ISSUER: idp.issuer,
      DEMO_IDP_CLIENT_ID: idp.clients.basic.clientId,
      DEMO_IDP_CLIENT_SECRET: idp.clients.basic.clientSecret ?? "",
      TRUSTED_HOSTS: trusted,
    });
  }

  if (dev) {
    // `next dev` as is: no peer addresses there (every client counts as "unknown").
    const child = spawn(path.join("node_modules", ".bin", "next"), ["dev", "-p", String(port)], {
      stdio: "inherit",
      env,
    });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("exit", async (code, signal) => {
      await stopIdp().catch(() => {});
      process.exit(code ?? (signal ? 0 : 1));
    });
    return;
  }
  Object.assign(env, { NODE_ENV: "production" });
  let plan: ReturnType<typeof planWorkers>;
  try {
    plan = planWorkers({
      webConcurrency: env.WEB_CONCURRENCY,
      cores: os.availableParallelism(),
      embedded: !env.DATABASE_URL,
    });
  } catch (err) {
    await stopIdp().catch(() => {});
    fail((err as Error).message);
  }
  if (plan.note) console.log(`[start] ${plan.note}`);
  if (plan.count > 1) return runCluster(plan.count, env, stopIdp);

  Object.assign(process.env, env);
  const app = await serveNext({ port, dev: false });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void Promise.allSettled([app.close(), stopIdp()]).then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

/** A crashed worker is replaced; more than this many crashes in a minute stops the launcher. */
const MAX_RESTARTS_PER_MINUTE = 5;

function runCluster(count: number, env: NodeJS.ProcessEnv, stopPeers: () => Promise<void>) {
  const listened = new WeakSet<Worker>();
  const restarts: number[] = [];
  let stopping = false;
  let announced = false;
  const live = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
  const fork = () => cluster.fork(env);

  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    const workers = live();
    for (const w of workers) w.process.kill("SIGTERM");
    const forceKill = setTimeout(() => live().forEach((w) => w.process.kill("SIGKILL")), 10_000);
    const finish = () => {
      clearTimeout(forceKill);
      void stopPeers()
        .catch(() => {})
        .then(() => process.exit(code));
    };
    if (workers.length === 0) finish();
    else cluster.on("exit", () => live().length === 0 && finish());
  };

  cluster.on("listening", (w) => {
    if (listened.has(w)) return;
    listened.add(w);
    if (!announced && live().filter((x) => listened.has(x)).length === count) {
      announced = true;
      console.log(
        `[start] ready on ${env.APP_URL} with ${count} workers (pids ${live()
          .map((x) => x.process.pid)
          .join(", ")})`,
      );
    }
  });
  cluster.on("exit", (w, code, signal) => {
    if (stopping) return;
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    if (!listened.has(w)) {
      console.error(`[start] a worker stopped before serving (${how}); its message is above. Stopping.`);
      return stop(1);
    }
    const now = Date.now();
    restarts.push(now);
    while (restarts.length && restarts[0]! < now - 60_000) restarts.shift();
    if (restarts.length > MAX_RESTARTS_PER_MINUTE) {
      console.error(`[start] workers crashed ${restarts.length} times in a minute; stopping.`);
      return stop(1);
    }
    console.error(`[start] worker ${w.process.pid} stopped (${how}); starting a new one`);
    fork();
  });
  process.on("SIGINT", () => stop(0));
  process.on("SIGTERM", () => stop(0));
  for (let i = 0; i < count; i++) fork();
}

/** A cluster worker: serves Next on the shared port; the launcher decides when it stops. */
async function runWorker() {
  const app = await serveNext({ port, dev: false, worker: cluster.worker?.id });
  process.on("SIGINT", () => {}); // a terminal's Ctrl-C reaches every process: the launcher stops us
  process.on("SIGTERM", () => void app.close().then(() => process.exit(0)));
}

if (cluster.isWorker) runWorker().catch((err) => fail(err instanceof Error ? err.message : String(err)));
else main().catch((err) => fail(err instanceof Error ? err.message : String(err)));
