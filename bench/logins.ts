// Logins side by side: our Logon URL login (a bound user signs in through the provider: start →
// IdP → callback with token call and JWKS-checked ID token → session → Home) against a minimal
// Next.js app with Auth.js (bench/peers/authjs) signing in through the same test OpenID Provider,
// with the same browserless client, both production builds, PostgreSQL 15 for ours (Auth.js keeps
// its session in a JWT cookie). At each concurrency the targets alternate in rounds (ours, peer,
// peer, ours, ...), so drift in the machine's load falls on both.
//   npm run build && npx tsx bench/logins.ts   (N=500 CONCURRENCY=1,10,50 WARMUP=200 ROUNDS=4)
// APP_PORT=3660 IDP_PORT=3661 PEER_PORT=3662, TIME_LIMIT_S=3600; WEB_CONCURRENCY=2 runs our app on both cores.
// PROFILE=<dir> (Node 20: NODE_OPTIONS=--experimental-websocket): then PROFILE_LOGINS=100 more logins on
// each, one at a time, under the V8 profiler: where each app's CPU goes, side by side (bench/profile.ts;
// INSPECT_PORT=9339 ours, 9340 the peer's).
import { randomBytes } from "node:crypto";
import os from "node:os";
import postgres from "postgres";
import { createTestDatabase } from "../db/test/databases";
import { CookieJar } from "../e2e/fixtures/oidc-login";
import { rssKiB } from "./callbacks-proc";
import { cpuMeter } from "./cpu-meter";
import { BenchRun, checkSettings, productionBuildId } from "./harness";
import { pool, report, round, summarise, table } from "./lib";
import { loginAuthjs, loginOurs, type LoginPerson, type LoginTimings } from "./logins/flows";
import { ensurePeerBuild, startPeer } from "./logins/peer";
import { LOGIN_PEOPLE, seedLoginProvider } from "./logins/seed";
import {
  connectProfiler,
  inspectorEnv,
  printProfilesSideBySide,
  profileDirFromEnv,
  saveProfile,
  summariseProfile,
  type ProfileSummary,
} from "./profile";

const N = Number(process.env.N ?? 500);
const LEVELS = (process.env.CONCURRENCY ?? "1,10,50").split(",").map((s) => Number(s.trim()));
const WARMUP = Number(process.env.WARMUP ?? 200);
const ROUNDS = Number(process.env.ROUNDS ?? 4);
const APP_PORT = Number(process.env.APP_PORT ?? 3660);
const IDP_PORT = Number(process.env.IDP_PORT ?? 3661);
const PEER_PORT = Number(process.env.PEER_PORT ?? 3662);
const TIME_LIMIT_MS = Number(process.env.TIME_LIMIT_S ?? 3600) * 1000;
const PROFILE = profileDirFromEnv("bench/logins.ts");
const PROFILE_LOGINS = Number(process.env.PROFILE_LOGINS ?? 100);
const INSPECT_PORTS = {
  ours: Number(process.env.INSPECT_PORT ?? 9339),
  authjs: Number(process.env.INSPECT_PORT ?? 9339) + 1,
};

checkSettings(N, LEVELS, [APP_PORT, IDP_PORT, PEER_PORT, ...(PROFILE ? Object.values(INSPECT_PORTS) : [])]);
if (!Number.isInteger(ROUNDS) || ROUNDS < 2 || ROUNDS % 2) {
  console.error(`[bench] ROUNDS must be an even whole number ≥ 2 (each target leads half of them), got "${ROUNDS}"`);
  process.exit(1);
}
const buildId = productionBuildId();
const peerBuild = ensurePeerBuild();
const appUrl = `http://localhost:${APP_PORT}`;
const run = new BenchRun(TIME_LIMIT_MS);

type Target = "ours" | "authjs";
type Tally = {
  timings: LoginTimings[];
  errors: string[];
  seconds: number;
  appMs: number;
  dbMs: number;
  peakKiB: number;
};

await run.execute(async () => {
  const load = () => os.loadavg().map((l) => round(l));
  console.log(
    `[bench] build ${buildId}; N=${N} per target at ${LEVELS.join(", ")} concurrent; load average ${load().join(" ")}`,
  );
  run.database = await createTestDatabase("bench_logins");
  const peerUrl = `http://localhost:${PEER_PORT}`;
  const idp = await run.startIdp(IDP_PORT, [`${appUrl}/oauth/callback/`, `${peerUrl}/api/auth/callback/`]);
  const encryptionKey = randomBytes(32);
  const { providerId, emails } = await seedLoginProvider(run.database.url, idp, appUrl, encryptionKey);
  run.check = postgres(run.database.url, { max: 1, onnotice: () => {} });
  await run.startApp(APP_PORT, {
    appUrl,
    encryptionKey,
    idpPort: idp.port,
    inspectPort: PROFILE ? INSPECT_PORTS.ours : undefined,
  });
  const client = idp.clients.basic;
  const peer = await startPeer(
    PEER_PORT,
    { issuer: idp.issuer, clientId: client.clientId, clientSecret: client.clientSecret ?? "" },
    randomBytes(32).toString("base64url"),
    PROFILE ? inspectorEnv(INSPECT_PORTS.authjs) : {},
  );
  try {
    const meters = {
      ours: run.meter,
      authjs: cpuMeter({ app: peer.pids, idp: () => run.idpPids }, () => run.check!),
    };
    const pids = { ours: () => run.appPids, authjs: peer.pids };
    const login = (target: Target, person: LoginPerson) =>
      target === "ours" ? loginOurs(person, appUrl, providerId) : loginAuthjs(person, peer.url);
    const persons = (count: number): LoginPerson[] =>
      Array.from({ length: count }, (_, i) => {
        const name = LOGIN_PEOPLE[i % LOGIN_PEOPLE.length]!;
        return { username: name, password: idp.people[name]!.password, email: emails[name]!, idpJar: new CookieJar() };
      });

    /** `count` logins on one target at `concurrency`, added to its tally. */
    async function batch(target: Target, concurrency: number, count: number, tally: Tally) {
      let peak = 0;
      const sampler = setInterval(() => (peak = Math.max(peak, rssKiB(pids[target]()))), 50);
      const before = await meters[target].snapshot();
      await pool(persons(concurrency), count, TIME_LIMIT_MS, async (person) => {
        try {
          tally.timings.push(await login(target, person));
        } catch (e) {
          tally.errors.push(e instanceof Error ? e.message : String(e));
        }
      });
      const after = await meters[target].snapshot();
      clearInterval(sampler);
      const cpu = meters[target].cpuPer(before, after, 1);
      tally.seconds += (after.at - before.at) / 1000;
      tally.appMs += cpu.appCpuMs;
      tally.dbMs += cpu.dbCpuMs;
      tally.peakKiB = Math.max(tally.peakKiB, peak);
    }
    const empty = (): Tally => ({ timings: [], errors: [], seconds: 0, appMs: 0, dbMs: 0, peakKiB: 0 });

    console.log(`[bench] warm-up: ${WARMUP} logins on each, 10 concurrent`);
    for (const target of ["ours", "authjs"] as const) {
      const warm = empty();
      await batch(target, 10, WARMUP, warm);
      if (warm.errors.length) throw new Error(`${target} warm-up failed: ${warm.errors.slice(0, 3).join("; ")}`);
    }

    // Transactions committed in the bench's database per login of ours (the Auth.js peer has none):
    // read after 11 s of quiet, when every backend has flushed its counters (PostgreSQL 15 flushes
    // an idle backend's within 10 s); the few reads of this bench's own connection are counted in.
    const committed = async () => {
      await new Promise((r) => setTimeout(r, 11_000));
      const [row] = await run.check!<{ n: string }[]>`
        select xact_commit + xact_rollback as n from pg_stat_database where datname = current_database()`;
      return Number(row!.n);
    };
    const levels = [];
    for (const concurrency of LEVELS) {
      const tallies = { ours: empty(), authjs: empty() };
      const xactsBefore = await committed();
      for (let r = 0; r < ROUNDS; r++) {
        const order: Target[] = r % 2 ? ["authjs", "ours"] : ["ours", "authjs"];
        for (const target of order) await batch(target, concurrency, Math.ceil(N / ROUNDS), tallies[target]);
      }
      const figures = (t: Tally) => {
        const done = t.timings.length;
        return {
          logins: done,
          errors: t.errors.length,
          errorExamples: t.errors.slice(0, 3),
          loginsPerSecond: round(done / t.seconds, 1),
          appCpuMsPerLogin: round(t.appMs / Math.max(1, done)),
          dbCpuMsPerLogin: round(t.dbMs / Math.max(1, done)),
          appLatencyMs: summarise(t.timings.map((x) => x.app)),
          idpMs: summarise(t.timings.map((x) => x.idp)),
          stepP50Ms: Object.fromEntries(
            Object.keys(t.timings[0]?.steps ?? {}).map((step) => [
              step,
              summarise(t.timings.map((x) => x.steps[step] ?? 0)).p50,
            ]),
          ),
          peakRssMiB: round(t.peakKiB / 1024, 1),
        };
      };
      const xacts = (await committed()) - xactsBefore;
      const ours = {
        ...figures(tallies.ours),
        transactionsPerLogin: round(xacts / Math.max(1, tallies.ours.timings.length), 1),
      };
      const authjs = figures(tallies.authjs);
      levels.push({
        concurrency,
        ours,
        authjs,
        ratio: {
          appCpu: round(ours.appCpuMsPerLogin / authjs.appCpuMsPerLogin),
          loginsPerSecond: round(ours.loginsPerSecond / authjs.loginsPerSecond),
        },
        loadAverage: load(),
      });
      console.log(`[bench] ${concurrency} concurrent done; load average ${load().join(" ")}`);
    }

    // PROFILE: the same logins one at a time under each app's V8 profiler, after the measured levels.
    const profiles: Partial<Record<Target, ProfileSummary & { file: string }>> = {};
    if (PROFILE) {
      for (const target of ["ours", "authjs"] as const) {
        const profiler = await connectProfiler(INSPECT_PORTS[target]);
        const tally = empty();
        await profiler.start();
        await batch(target, 1, PROFILE_LOGINS, tally);
        const raw = await profiler.stop();
        profiler.close();
        if (tally.errors.length)
          throw new Error(`${target} profiled logins failed: ${tally.errors.slice(0, 3).join("; ")}`);
        profiles[target] = {
          ...summariseProfile(raw, tally.timings.length),
          file: saveProfile(PROFILE, `login-${target}`, raw),
        };
      }
    }

    report("logins", {
      n: N,
      rounds: ROUNDS,
      warmup: WARMUP,
      buildId,
      peerBuild,
      workers: process.env.WEB_CONCURRENCY ?? "1",
      levels,
      ...(PROFILE ? { profiles } : {}),
      notes: [
        "appLatencyMs: the app's requests of one login as the client measures them (ours: Logon URL, callback, Home — and login-complete on a build before issue 18's lever 1; Auth.js: csrf, sign-in POST, callback, its page); the IdP's pages (idpMs) are not in it.",
        "stepP50Ms: each of the app's requests alone, p50 of its wall time as the client measures it.",
        "transactionsPerLogin: xact_commit + xact_rollback of the bench's database over the level, per login of ours (the bench's own few meter reads included).",
        "appCpuMsPerLogin: utime+stime of the app's process tree per completed login; dbCpuMsPerLogin: its PostgreSQL backends (Auth.js has none).",
      ],
    });
    const rows: (string | number)[][] = [
      [
        "concurrency",
        "target",
        "ok",
        "errors",
        "logins/s",
        "app CPU ms",
        "DB CPU ms",
        "DB xacts",
        "p50 ms",
        "p99 ms",
        "peak RSS MiB",
      ],
    ];
    for (const l of levels)
      for (const [name, f] of [
        ["ours", l.ours],
        ["Auth.js", l.authjs],
      ] as const)
        rows.push([
          l.concurrency,
          name,
          f.logins,
          f.errors,
          f.loginsPerSecond,
          f.appCpuMsPerLogin,
          f.dbCpuMsPerLogin,
          "transactionsPerLogin" in f ? f.transactionsPerLogin : 0,
          f.appLatencyMs.p50,
          f.appLatencyMs.p99,
          f.peakRssMiB,
        ]);
    console.log(`\n${table(rows)}\n`);
    for (const l of levels)
      console.log(
        `[bench] ${l.concurrency} concurrent: ours/Auth.js app CPU ${l.ratio.appCpu}, logins/s ${l.ratio.loginsPerSecond}; p50 ms per request: ours ${JSON.stringify(l.ours.stepP50Ms)}, Auth.js ${JSON.stringify(l.authjs.stepP50Ms)}`,
      );
    if (profiles.ours && profiles.authjs) {
      console.log(
        `\nWhere each app's CPU goes per login: V8 CPU profiles of ${PROFILE_LOGINS} more logins on each, one at a time (the profiler slows both; the .cpuprofile files open in Chrome DevTools: ${profiles.ours.file}, ${profiles.authjs.file}):`,
      );
      printProfilesSideBySide({ ours: profiles.ours, "Auth.js": profiles.authjs }, "login");
    }
  } finally {
    await peer.stop();
  }
});
