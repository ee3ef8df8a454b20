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
// Its parts in bench/callbacks/: seed.ts (user, token, provider), person.ts (one flow's requests),
// phases.ts (complete flows, callbacks only), report.ts (result file and summary).
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { createTestDatabase } from "../db/test/databases";
import { CookieJar } from "../e2e/fixtures/oidc-login";
import { callbackPhases } from "./callbacks/phases";
import { errorCount, flowSteps, type Person } from "./callbacks/person";
import { reportCallbacks, type Level } from "./callbacks/report";
import { seedTestProvider } from "./callbacks/seed";
import { commandLine, ticksBetween } from "./callbacks-proc";
import { connectProfiler, profileDirFromEnv, saveProfile, summariseProfile } from "./profile";
import { BenchRun, checkSettings, productionBuildId } from "./harness";
import { round } from "./lib";

const N = Number(process.env.N ?? 200);
const LEVELS = (process.env.CONCURRENCY ?? "10").split(",").map((s) => Number(s.trim()));
const WARMUP = Number(process.env.WARMUP ?? 20);
const APP_PORT = Number(process.env.APP_PORT ?? 3500);
const IDP_PORT = Number(process.env.IDP_PORT ?? 3501);
const BURST = process.env.BURST !== "0";
const PROFILE = profileDirFromEnv("bench/callbacks.ts");
const INSPECT_PORT = APP_PORT + 2;
const PHASE_TIME_LIMIT_MS = Number(process.env.PHASE_TIME_LIMIT_S ?? 300) * 1000;
const TIME_LIMIT_MS = Number(process.env.TIME_LIMIT_S ?? 1800) * 1000;

checkSettings(N, LEVELS, [APP_PORT, IDP_PORT, ...(PROFILE ? [INSPECT_PORT] : [])]);
const buildId = productionBuildId();

const appUrl = `http://localhost:${APP_PORT}`;
const run = new BenchRun(TIME_LIMIT_MS);
const { snapshot, ticksToMs, ticksPerSecond: TICKS } = run.meter;

/** Stops the profiler, saves its profile in PROFILE and summarises it per flow profiled. */
async function saveLevelsProfile(profiler: Awaited<ReturnType<typeof connectProfiler>>, levels: Level[]) {
  const raw = await profiler.stop();
  profiler.close();
  const file = saveProfile(PROFILE, "callbacks", raw);
  const flowsProfiled = levels.reduce(
    (sum, l) => sum + l.completeFlows.completed + (l.callbacksOnly?.completed ?? 0),
    0,
  );
  const profile = summariseProfile(raw, flowsProfiled);
  console.log(
    `[bench] CPU profile of the measured levels: ${file} (${profile.busyMsPerFlow} ms busy per flow while profiling)`,
  );
  return profile;
}

await run.execute(async () => {
  console.log(
    `[bench] build ${buildId}; N=${N} at concurrency ${LEVELS.join(", ")}; app :${APP_PORT}, IdP :${IDP_PORT}; CLK_TCK ${TICKS}`,
  );
  run.database = await createTestDatabase("bench");
  const idp = await run.startIdp(IDP_PORT, `${appUrl}/oauth/callback/`);
  console.log(`[bench] OpenID Provider ${idp.issuer} (pids ${run.idpPids.join(", ")})`);

  const encryptionKey = randomBytes(32);
  const seeded = await seedTestProvider(run.database.url, idp, appUrl, encryptionKey);
  const app = await run.startApp(APP_PORT, {
    appUrl,
    encryptionKey,
    idpPort: idp.port,
    // PROFILE=<dir>: the app's inspector on loopback, for the V8 CPU profile of the measured levels.
    inspectPort: PROFILE ? INSPECT_PORT : undefined,
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
  const { flows, burst } = callbackPhases(run, flowSteps({ appUrl, ...seeded }), PHASE_TIME_LIMIT_MS);

  // Warm-up (not counted): compiled routes, JWKS in cache, pools filled, every person signed in at the IdP.
  const warm = await flows(persons, Math.max(WARMUP, persons.length));
  if (warm.completed === 0 || errorCount(warm.errors) > 0)
    throw new Error(`warm-up failed: ${JSON.stringify(warm.errors)}\n${app.logs().slice(-3000)}`);
  console.log(`[bench] warm-up: ${warm.completed} flows, app CPU ${warm.perFlow.appCpuMs} ms/flow`);

  // What the idle server burns on its own (timers, GC), for scale: ms of CPU per second.
  const idle0 = await snapshot();
  await new Promise((r) => setTimeout(r, 3000));
  const idle1 = await snapshot();
  const idleAppCpuMsPerSecond = round(ticksToMs(ticksBetween(idle0.app, idle1.app)) / ((idle1.at - idle0.at) / 1000));
  const profiler = PROFILE ? await connectProfiler(INSPECT_PORT) : null;
  await profiler?.start();
  const levels: Level[] = [];
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

  const profile = profiler ? await saveLevelsProfile(profiler, levels) : null;
  const kernelPeakRssMiB = run.kernelPeakRssMiB();
  const finalBuildId = productionBuildId();
  if (finalBuildId !== buildId)
    console.warn(
      `[bench] WARNING: .next/BUILD_ID changed during the run (${buildId} → ${finalBuildId}): someone rebuilt; the figures may be mixed`,
    );

  reportCallbacks({
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
  });
});
