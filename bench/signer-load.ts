// Load: complete signer authentications against the production build on a fresh PostgreSQL
// database, with the test OpenID Provider in its own process. Through the REST API, as a sender
// would: a provider used for signer authentication ("OAuthTest", the seed's name: ID token with
// a Validate mapping on the email, one resource URI), a PDF, and one envelope per flow from
// lib/envelopes/fixtures/seed-001-send-envelope.json. Each flow is a person in a fresh browser:
// open the link → start → IdP login → callback → resume → signer page "You are authenticated.".
// Then where the time of one authentication goes (bench/signer-phases.ts).
//   npm run build && npx tsx bench/signer-load.ts      (N=200 CONCURRENCY=10,50,200 WARMUP=20 PHASE_RUNS=50)
// REQUEST_SIGNERS=20 (each kind of request's CPU and transactions, bench/signer-load/requests.ts);
// APP_PORT=3650 IDP_PORT=3651 INSPECT_PORT=9329, PHASE_TIME_LIMIT_S=300, TIME_LIMIT_S=1800.
// PROFILE=<dir> (Node 20: NODE_OPTIONS=--experimental-websocket): the requests' steps once more
// under the V8 profiler, where each kind of request's CPU goes (bench/profile.ts).
// Its parts in bench/signer-load/: sender.ts (REST API: provider, envelopes, links), levels.ts
// (a concurrency level, page renders), report.ts (result file and summary).
import { randomBytes } from "node:crypto";
import os from "node:os";
import postgres from "postgres";
import { createTestDatabase } from "../db/test/databases";
import { CookieJar } from "../e2e/fixtures/oidc-login";
import { BenchRun, checkSettings, productionBuildId } from "./harness";
import { round } from "./lib";
import type { SignerPerson } from "./signer-flow";
import { signerLevels, type LevelResult } from "./signer-load/levels";
import { reportSignerLoad } from "./signer-load/report";
import { measureRequests } from "./signer-load/requests";
import { restSender, seedSender, SIGNER_EMAIL } from "./signer-load/sender";
import { measureSignerPhases } from "./signer-phases";
import { connectProfiler, profileDirFromEnv, residentMemory } from "./profile";

const N = Number(process.env.N ?? 200);
const LEVELS = (process.env.CONCURRENCY ?? "10,50,200").split(",").map((s) => Number(s.trim()));
const WARMUP = Number(process.env.WARMUP ?? 20);
const REQUEST_SIGNERS = Number(process.env.REQUEST_SIGNERS ?? 20);
const PHASE_RUNS = Number(process.env.PHASE_RUNS ?? 50);
const APP_PORT = Number(process.env.APP_PORT ?? 3650);
const IDP_PORT = Number(process.env.IDP_PORT ?? 3651);
const PHASE_TIME_LIMIT_MS = Number(process.env.PHASE_TIME_LIMIT_S ?? 300) * 1000;
const TIME_LIMIT_MS = Number(process.env.TIME_LIMIT_S ?? 1800) * 1000;
const INSPECT_PORT = Number(process.env.INSPECT_PORT ?? 9329);
const PROFILE = profileDirFromEnv("bench/signer-load.ts");

checkSettings(N, LEVELS, [APP_PORT, IDP_PORT, ...(PROFILE ? [INSPECT_PORT] : [])]);
const buildId = productionBuildId();
const appUrl = `http://localhost:${APP_PORT}`;
const run = new BenchRun(TIME_LIMIT_MS);

await run.execute(async () => {
  console.log(
    `[bench] build ${buildId}; N=${N} at concurrency ${LEVELS.join(", ")}; app :${APP_PORT}, IdP :${IDP_PORT}; load average ${os
      .loadavg()
      .map((l) => round(l))
      .join(" ")}`,
  );
  run.database = await createTestDatabase("bench");
  const idp = await run.startIdp(IDP_PORT, `${appUrl}/oauth/callback/`);
  const token = await seedSender(run.database.url);
  run.check = postgres(run.database.url, { max: 1, onnotice: () => {} });
  const encryptionKey = randomBytes(32);
  const app = await run.startApp(APP_PORT, {
    appUrl,
    encryptionKey,
    idpPort: idp.port,
    inspectPort: PROFILE ? INSPECT_PORT : undefined,
  });
  run.sampleRss();
  const rssAfterStartMiB = run.rssMiB();
  // PROFILE: the app's inspector also tells where its memory is (heap, buffers, code and libraries).
  const inspector = PROFILE ? await connectProfiler(INSPECT_PORT) : null;
  const memoryAt = async () =>
    inspector ? { process: await inspector.memory(), resident: residentMemory(run.serverPid()) } : null;
  const memory = { afterStart: await memoryAt(), afterLoad: null as Awaited<ReturnType<typeof memoryAt>> };

  const sender = restSender(run, { appUrl, token, encryptionKey, phaseTimeLimitMs: PHASE_TIME_LIMIT_MS });
  const providerId = await sender.createSignerProvider(idp);
  const persons: SignerPerson[] = Array.from({ length: Math.max(...LEVELS) }, () => ({
    ...idp.people.alice!,
    idpJar: new CookieJar(),
  }));
  const counts = [Math.max(WARMUP, 1), ...LEVELS.map(() => N), REQUEST_SIGNERS, PROFILE ? REQUEST_SIGNERS : 0];
  const t = performance.now();
  const links = await sender.sendEnvelopes(counts.reduce((a, b) => a + b, 0));
  console.log(
    `[bench] ${links.length} envelopes sent through the REST API in ${round((performance.now() - t) / 1000, 1)} s; app pids ${run.appPids.join(", ")}`,
  );
  let offset = 0;
  const take = (n: number) => links.slice(offset, (offset += n));

  const { level, pageCpu } = signerLevels(run, appUrl, PHASE_TIME_LIMIT_MS);
  const warm = await level(persons.slice(0, 10), take(counts[0]!), providerId);
  if (warm.completed === 0 || warm.errors.total > 0)
    throw new Error(`warm-up failed: ${JSON.stringify(warm.errors)}\n${app.logs().slice(-3000)}`);
  const levels: ({ concurrency: number } & LevelResult)[] = [];
  for (const concurrency of LEVELS) {
    const l = await level(persons.slice(0, concurrency), take(N), providerId);
    console.log(
      `[bench] ${concurrency} concurrent: ${l.completed}/${N} in ${l.seconds} s, app p99 ${l.appLatencyMs.p99} ms, app CPU ${l.perFlow.appCpuMs} ms/flow, errors ${l.errors.total}`,
    );
    levels.push({ concurrency, ...l });
  }
  memory.afterLoad = await memoryAt();
  const pages = await pageCpu(100);
  const requests = await measureRequests(run, {
    appUrl,
    providerId,
    links: take(REQUEST_SIGNERS),
    persons: Array.from({ length: REQUEST_SIGNERS }, () => ({ ...idp.people.alice!, idpJar: new CookieJar() })),
  });
  const profiledRequests = PROFILE
    ? await measureRequests(
        run,
        {
          appUrl,
          providerId,
          links: take(REQUEST_SIGNERS),
          persons: Array.from({ length: REQUEST_SIGNERS }, () => ({ ...idp.people.alice!, idpJar: new CookieJar() })),
        },
        { profiler: inspector!, dir: PROFILE },
      )
    : undefined;
  const kernelPeakRssMiB = run.kernelPeakRssMiB();
  const phases = await measureSignerPhases({
    dbUrl: run.database.url,
    appUrl,
    encryptionKey,
    idp,
    providerId,
    senderToken: token,
    runs: PHASE_RUNS,
    send: (n) => sender.sendEnvelopes(n),
  });

  reportSignerLoad({
    n: N,
    buildId,
    signer: SIGNER_EMAIL,
    rssAfterStartMiB,
    kernelPeakRssMiB,
    levels,
    pages,
    requests,
    profiledRequests,
    ...(inspector ? { memory } : {}),
    phases,
  });
});
