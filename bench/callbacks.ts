// Signer authentication end to end against the production build: N complete "Test connection"
// flows (start with an API token → sign-in at the real test OpenID Provider → callback with the
// token call, JWKS-checked ID token, one resource URI with a mapping, report saved) at each
// concurrency, measuring what the app adds: latency of its two requests, its CPU per flow
// (/proc of the `next start` process tree), its resident memory; the IdP runs as a separate
// process so its CPU is not counted (it is reported for information).
//   npm run build && npx tsx bench/callbacks.ts        (from the project root; N=200 CONCURRENCY=1,10,50 to change the load)
// Other knobs: WARMUP=20, APP_PORT=3500, IDP_PORT=3501, BURST=0 (skip the callbacks-only bursts),
// PHASE_TIME_LIMIT_S=300, TIME_LIMIT_S=1800. PROFILE=<dir> saves a V8 CPU profile of the measured
// levels and prints where the app's CPU goes (the profiler slows the app; on Node 20 it also needs
// NODE_OPTIONS=--experimental-websocket for the inspector connection).
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { createTestDatabase } from "../db/test/databases";
import { CookieJar } from "../e2e/fixtures/oidc-login";
import { createProvider } from "../lib/identity-providers/create-provider";
import { loadDiscovery, wellKnownUrl } from "../lib/identity-providers/discovery";
import type { TProviderInput } from "../lib/identity-providers/schema";
import { commandLine, ticksBetween } from "./callbacks-proc";
import { connectProfiler, profilingAvailable, summariseProfile } from "./callbacks-profile";
import { BenchRun, checkSettings, fail, productionBuildId } from "./harness";
import { signInForRedirect, type IdpInfo } from "./idp-process";
import { pool as runPool, report, round, summarise, table } from "./lib";
import { seedApiUser } from "./seed-api-user";

const N = Number(process.env.N ?? 200);
const LEVELS = (process.env.CONCURRENCY ?? "10").split(",").map((s) => Number(s.trim()));
const WARMUP = Number(process.env.WARMUP ?? 20);
const APP_PORT = Number(process.env.APP_PORT ?? 3500);
const IDP_PORT = Number(process.env.IDP_PORT ?? 3501);
const BURST = process.env.BURST !== "0";
const PROFILE = process.env.PROFILE ?? "";
const INSPECT_PORT = APP_PORT + 2;
const PHASE_TIME_LIMIT_MS = Number(process.env.PHASE_TIME_LIMIT_S ?? 300) * 1000;
const TIME_LIMIT_MS = Number(process.env.TIME_LIMIT_S ?? 1800) * 1000;
const REQUEST_TIMEOUT_MS = 30_000;

checkSettings(N, LEVELS, [APP_PORT, IDP_PORT, ...(PROFILE ? [INSPECT_PORT] : [])]);
if (PROFILE && !profilingAvailable())
  fail(
    "PROFILE needs a WebSocket client: on Node 20 run NODE_OPTIONS=--experimental-websocket PROFILE=<dir> npx tsx bench/callbacks.ts",
  );
const buildId = productionBuildId();

const appUrl = `http://localhost:${APP_PORT}`;
const run = new BenchRun(TIME_LIMIT_MS);

// ---------------------------------------------------------------- setup
function seed(dbUrl: string, idp: IdpInfo, encryptionKey: Buffer) {
  const user = {
    email: "bench-admin@example.test",
    permissions: { configure_identity_providers: "ALLOW", use_api: "ALLOW" } as const,
    tokenName: "bench callbacks",
  };
  return seedApiUser(dbUrl, user, async (userCtx, token) => {
    const trustedHosts = [`127.0.0.1:${idp.port}`];
    const found = await loadDiscovery(wellKnownUrl(idp.issuer), trustedHosts);
    const userinfo = found.discovery.userinfo_endpoint;
    if (userinfo !== `${idp.issuer}/me`)
      throw new Error(`The provider's userinfo endpoint is ${String(userinfo)}, expected ${idp.issuer}/me`);
    if (!found.input.jwt) throw new Error("The provider's discovery has no jwks_uri");
    const input: TProviderInput = {
      ...(found.input as TProviderInput),
      name: "Bench IdP",
      clientId: idp.clients.basic.clientId,
      clientSecret: idp.clients.basic.clientSecret,
      tokenEndpointAuthMethod: "client_secret_basic",
      jwt: found.input.jwt,
      resourceUris: [
        {
          uri: `${idp.issuer}/me`,
          queryParameter: "bearer",
          mappings: [{ path: "email", mode: "validate", field: "email" }],
        },
      ],
    };
    const provider = await createProvider(
      { ...userCtx, config: { appUrl, encryptionKey, encryptionKeys: [encryptionKey], trustedHosts } },
      input,
      { discovery: found.discovery },
    );
    return { token, providerId: provider.id };
  });
}

// ---------------------------------------------------------------- one simulated person
type Person = { username: string; password: string; idpJar: CookieJar; flowCookie: string | null };
type Pending = { person: Person; callbackUrl: string; cookie: string };
type ErrorKind = "start" | "idp" | "callback" | "report";
class FlowFailure extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
  }
}

let token = "";
let providerId = "";

/** POST /oauth/start/test/<id> with the API token: 303 to the IdP and the flow cookie. */
async function start(person: Person): Promise<{ authorizationUrl: string; ms: number }> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (person.flowCookie) headers.cookie = `oauth_flow=${person.flowCookie}`;
  const t = performance.now();
  const res = await fetch(`${appUrl}/oauth/start/test/${providerId}`, {
    method: "POST",
    headers,
    redirect: "manual",
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const body = await res.text();
  const ms = performance.now() - t;
  const location = res.headers.get("location");
  if (res.status !== 303 || !location)
    throw new FlowFailure("start", `start answered HTTP ${res.status}: ${body.slice(0, 200)}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("oauth_flow="));
  if (!cookie) throw new FlowFailure("start", "start set no oauth_flow cookie");
  person.flowCookie = cookie.slice("oauth_flow=".length).split(";")[0]!;
  return { authorizationUrl: location, ms };
}

/** The person at the IdP (not the app's time): returns the redirect to the app's callback. */
async function atIdp(person: Person, authorizationUrl: string): Promise<{ callbackUrl: string; ms: number }> {
  const { location, ms } = await signInForRedirect(
    authorizationUrl,
    { credentials: { username: person.username, password: person.password }, jar: person.idpJar },
    REQUEST_TIMEOUT_MS,
    (message) => new FlowFailure("idp", message),
  );
  const callbackUrl = location.toString();
  if (!callbackUrl.startsWith(`${appUrl}/oauth/callback/${providerId}?`))
    throw new FlowFailure("idp", `the IdP redirected to ${callbackUrl.slice(0, 120)}`);
  if (location.searchParams.has("error"))
    throw new FlowFailure("idp", `the IdP answered error=${location.searchParams.get("error")}`);
  return { callbackUrl, ms };
}

const reportPath = () => new RegExp(`^/settings/identity-providers/${providerId}/test/([0-9a-f-]{36})$`);

/** GET the callback with the flow cookie: 303 to the report page; nothing else is fetched. */
async function callback(p: Pending): Promise<{ transactionId: string; ms: number }> {
  const t = performance.now();
  const res = await fetch(p.callbackUrl, {
    headers: { cookie: `oauth_flow=${p.cookie}` },
    redirect: "manual",
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  await res.text();
  const ms = performance.now() - t;
  const location = res.headers.get("location");
  if (res.status !== 303 || !location) throw new FlowFailure("callback", `callback answered HTTP ${res.status}`);
  const target = new URL(location, appUrl);
  const m = reportPath().exec(target.pathname);
  if (!m) throw new FlowFailure("callback", `callback redirected to ${target.pathname}${target.search}`);
  return { transactionId: m[1]!, ms };
}

// ---------------------------------------------------------------- measuring
const meter = run.meter;
const TICKS = meter.ticksPerSecond;
const ticksToMs = meter.ticksToMs;
const snapshot = () => meter.snapshot();
const cpuPer = meter.cpuPer;
const pool = (workers: Person[], count: number, task: (person: Person, i: number) => Promise<void>) =>
  runPool(workers, count, PHASE_TIME_LIMIT_MS, task);

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

function newErrors() {
  return { start: 0, idp: 0, callback: 0, report: 0, examples: [] as string[] };
}
type Errors = ReturnType<typeof newErrors>;
function recordError(errors: Errors, e: unknown) {
  const kind: ErrorKind = e instanceof FlowFailure ? e.kind : "callback";
  errors[kind] += 1;
  if (errors.examples.length < 5) errors.examples.push(`${kind}: ${e instanceof Error ? e.message : String(e)}`);
}

/** Complete flows, as people do them: start → IdP → callback, each worker one person. */
async function flows(workers: Person[], count: number) {
  const startMs: number[] = [];
  const callbackMs: number[] = [];
  const appMs: number[] = [];
  const idpMs: number[] = [];
  const ids: string[] = [];
  const errors = newErrors();
  run.rssPeakKiB = 0;
  const xact0 = await transactionCount(true);
  const before = await snapshot();
  const { started, timedOut } = await pool(workers, count, async (person) => {
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
  });
  const after = await snapshot();
  const seconds = (after.at - before.at) / 1000;
  const dbTransactions = (await transactionCount(true)) - xact0;
  const reports = await checkReports(ids);
  errors.report = reports.notOk + reports.missing;
  return {
    flows: started,
    completed: ids.length,
    timedOut,
    seconds: round(seconds),
    flowsPerSecond: round(ids.length / seconds, 1),
    appLatencyMs: summarise(appMs),
    startMs: summarise(startMs),
    callbackMs: summarise(callbackMs),
    idpSignInMs: summarise(idpMs),
    perFlow: { ...cpuPer(before, after, started), dbTransactions: round(dbTransactions / Math.max(1, started), 1) },
    peakRssMiB: run.peakRssMiB(),
    rssAtEndMiB: run.rssMiB(),
    loadAverage: os.loadavg().map((l) => round(l)),
    reports,
    errors,
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
  run.rssPeakKiB = 0;
  const xact0 = await transactionCount(true);
  const c0 = await snapshot();
  const { timedOut } = await pool(workers, pending.length, async (_person, i) => {
    try {
      const c = await callback(pending[i]!);
      callbackMs.push(c.ms);
      ids.push(c.transactionId);
    } catch (e) {
      recordError(errors, e);
    }
  });
  const c1 = await snapshot();
  const seconds = (c1.at - c0.at) / 1000;
  const dbTransactions = (await transactionCount(true)) - xact0;
  const reports = await checkReports(ids);
  errors.report = reports.notOk + reports.missing;
  return {
    callbacks: pending.length,
    completed: ids.length,
    timedOut,
    seconds: round(seconds),
    callbacksPerSecond: round(ids.length / seconds, 1),
    callbackMs: summarise(callbackMs),
    perCallback: {
      ...cpuPer(c0, c1, pending.length),
      dbTransactions: round(dbTransactions / Math.max(1, pending.length), 1),
    },
    // Starts and IdP sign-ins at 10 concurrent: the app's CPU here is its start requests.
    perStartWhileCollecting: cpuPer(b0, b1, count),
    peakRssMiB: run.peakRssMiB(),
    rssAtEndMiB: run.rssMiB(),
    loadAverage: os.loadavg().map((l) => round(l)),
    reports,
    errors,
  };
}

// ---------------------------------------------------------------- run
await run.execute(async () => {
  console.log(
    `[bench] build ${buildId}; N=${N} at concurrency ${LEVELS.join(", ")}; app :${APP_PORT}, IdP :${IDP_PORT}; CLK_TCK ${TICKS}`,
  );
  run.database = await createTestDatabase("bench");
  const idp = await run.startIdp(IDP_PORT, `${appUrl}/oauth/callback/`);
  console.log(`[bench] OpenID Provider ${idp.issuer} (pids ${run.idpPids.join(", ")})`);

  const encryptionKey = randomBytes(32);
  const seeded = await seed(run.database.url, idp, encryptionKey);
  token = seeded.token;
  providerId = seeded.providerId;

  const app = await run.startApp(APP_PORT, {
    appUrl,
    encryptionKey,
    idpPort: idp.port,
    // PROFILE=<dir>: the app's inspector on loopback, for the V8 CPU profile of the measured levels.
    env: PROFILE
      ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --inspect=127.0.0.1:${INSPECT_PORT}`.trim() }
      : {},
  });
  console.log(
    `[bench] app ${appUrl}: ${run.appPids.map((pid) => `${pid} (${commandLine(pid).slice(0, 60)})`).join("; ")}`,
  );
  run.check = postgres(run.database.url, { max: 1, onnotice: () => {} });
  run.sampleRss();
  const rssAfterStartMiB = run.rssMiB();

  const people = ["alice", "bob"].map((name) => idp.people[name]!);
  const persons: Person[] = Array.from({ length: Math.max(...LEVELS, 10) }, (_, i) => ({
    ...people[i % people.length]!,
    idpJar: new CookieJar(),
    flowCookie: null,
  }));

  // Warm-up (not counted): compiled routes, JWKS in cache, pools filled, every person signed in at the IdP.
  const warm = await flows(persons, Math.max(WARMUP, persons.length));
  const warmErrors = warm.errors.start + warm.errors.idp + warm.errors.callback + warm.errors.report;
  if (warm.completed === 0 || warmErrors > 0)
    throw new Error(`warm-up failed: ${JSON.stringify(warm.errors)}\n${app.logs().slice(-3000)}`);
  console.log(`[bench] warm-up: ${warm.completed} flows, app CPU ${warm.perFlow.appCpuMs} ms/flow`);

  // What the idle server burns on its own (timers, GC), for scale: ms of CPU per second.
  const idle0 = await snapshot();
  await new Promise((r) => setTimeout(r, 3000));
  const idle1 = await snapshot();
  const idleAppCpuMsPerSecond = round(ticksToMs(ticksBetween(idle0.app, idle1.app)) / ((idle1.at - idle0.at) / 1000));
  const profiler = PROFILE ? await connectProfiler(INSPECT_PORT) : null;
  await profiler?.start();
  const levels = [];
  for (const concurrency of LEVELS) {
    const workers = persons.slice(0, concurrency);
    const complete = await flows(workers, N);
    console.log(
      `[bench] ${concurrency} concurrent: ${complete.completed}/${N} flows in ${complete.seconds} s, app CPU ${complete.perFlow.appCpuMs} ms/flow, app latency p99 ${complete.appLatencyMs.p99} ms`,
    );
    const callbacksOnly = BURST ? await burst(workers, persons.slice(0, 10), N) : null;
    if (callbacksOnly)
      console.log(
        `[bench] ${concurrency} concurrent callbacks only: ${callbacksOnly.callbacksPerSecond}/s, app CPU ${callbacksOnly.perCallback.appCpuMs} ms/callback`,
      );
    levels.push({ concurrency, completeFlows: complete, callbacksOnly });
  }

  let profile: ReturnType<typeof summariseProfile> | null = null;
  if (profiler) {
    const raw = await profiler.stop();
    profiler.close();
    mkdirSync(PROFILE, { recursive: true });
    const file = path.join(PROFILE, `callbacks-${Date.now()}.cpuprofile`);
    writeFileSync(file, JSON.stringify(raw));
    const flowsProfiled = levels.reduce(
      (sum, l) => sum + l.completeFlows.completed + (l.callbacksOnly?.completed ?? 0),
      0,
    );
    profile = summariseProfile(raw, flowsProfiled);
    console.log(
      `[bench] CPU profile of the measured levels: ${file} (${profile.busyMsPerFlow} ms busy per flow while profiling)`,
    );
  }
  const kernelPeakRssMiB = run.kernelPeakRssMiB();
  const finalBuildId = productionBuildId();
  if (finalBuildId !== buildId)
    console.warn(
      `[bench] WARNING: .next/BUILD_ID changed during the run (${buildId} → ${finalBuildId}): someone rebuilt; the figures may be mixed`,
    );

  report("callbacks", {
    n: N,
    warmup: warm.completed,
    buildId,
    clockTicksPerSecond: TICKS,
    appProcesses: run.appPids.map((pid) => ({ pid, command: commandLine(pid) })),
    rssAfterStartMiB,
    kernelPeakRssMiB,
    idleAppCpuMsPerSecond,
    levels,
    ...(profile ? { profile } : {}),
    notes: [
      "appLatencyMs = start + callback latency per flow, as the client measures it; the callback includes the app's outbound token and userinfo calls to the IdP (same machine).",
      "appCpuMs/idpCpuMs/dbCpuMs = utime+stime of the next start process tree / the IdP's process tree / the app's PostgreSQL backends, divided by the number of flows (or callbacks, or starts).",
      "callbacksOnly: N flows are first taken to the IdP's redirect (perStartWhileCollecting: 10 concurrent starts + sign-ins), then only the callbacks are sent at the level's concurrency.",
    ],
  });

  const rows: (string | number)[][] = [
    [
      "concurrency",
      "flows ok",
      "errors",
      "flows/s",
      "app p50",
      "app p95",
      "app p99",
      "cb p50",
      "cb p99",
      "app CPU/flow",
      "IdP CPU/flow",
      "DB CPU/flow",
      "driver CPU/flow",
      "cores busy: app/all",
      "peak RSS",
      "callbacks/s",
      "CPU/callback",
      "CPU/start",
    ],
  ];
  for (const l of levels) {
    const f = l.completeFlows;
    const b = l.callbacksOnly;
    const errs = (e: Errors) => e.start + e.idp + e.callback + e.report;
    rows.push([
      l.concurrency,
      `${f.completed}/${N}`,
      errs(f.errors) + (b ? errs(b.errors) : 0),
      f.flowsPerSecond,
      f.appLatencyMs.p50,
      f.appLatencyMs.p95,
      f.appLatencyMs.p99,
      f.callbackMs.p50,
      f.callbackMs.p99,
      f.perFlow.appCpuMs,
      f.perFlow.idpCpuMs,
      f.perFlow.dbCpuMs,
      f.perFlow.driverCpuMs,
      `${f.perFlow.coresBusy.app}/${f.perFlow.coresBusy.machineBusy}`,
      `${Math.max(f.peakRssMiB, b?.peakRssMiB ?? 0)} MiB`,
      b ? b.callbacksPerSecond : "-",
      b ? b.perCallback.appCpuMs : "-",
      b ? b.perStartWhileCollecting.appCpuMs : "-",
    ]);
  }
  console.log("\nComplete signer authentications (ms; app = start + callback latency; CPU in ms per flow):");
  console.log(table(rows));
  if (profile) {
    const show = (title: string, rows: { name: string; msPerFlow: number; share: string }[]) =>
      console.log(
        `\n${table([[title, "ms/flow", "share"], ...rows.slice(0, 15).map((r) => [r.name, r.msPerFlow, r.share])])}`,
      );
    console.log(
      `\nWhere the app's CPU goes (profiled, ${profile.busyMsPerFlow} ms busy per flow; the profiler itself adds some):`,
    );
    show("self time by kind of code", profile.selfByKind);
    show("self time by code", profile.selfByGroup);
    show("inclusive (synchronous stacks): the app's own files", profile.inclusiveOwnCode);
    show("inclusive: packages", profile.inclusivePackages);
  }
  console.log(
    `Idle app: ${idleAppCpuMsPerSecond} ms CPU/s. RSS after start ${rssAfterStartMiB} MiB, kernel peak (VmHWM) ${kernelPeakRssMiB} MiB. (cores busy: the app's / the whole machine's of ${os.cpus().length}, others' work included.) Targets: app CPU <= 5 ms/flow, app p99 < 25 ms at 10 concurrent, RSS < 250 MB.`,
  );
  for (const l of levels) {
    for (const e of [l.completeFlows.errors, l.callbacksOnly?.errors])
      if (e?.examples.length) console.log(`errors at ${l.concurrency}: ${e.examples.join(" | ")}`);
  }
});
