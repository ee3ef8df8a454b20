// Load: complete signer authentications against the production build on a fresh PostgreSQL
// database, with the test OpenID Provider in its own process. Through the REST API, as a sender
// would: a provider used for signer authentication ("OAuthTest", the seed's name: ID token with
// a Validate mapping on the email, one resource URI), a PDF, and one envelope per flow from
// lib/envelopes/fixtures/seed-001-send-envelope.json. Each flow is a person in a fresh browser:
// open the link → start → IdP login → callback → resume → signer page "You are authenticated.".
// Then where the time of one authentication goes (bench/signer-phases.ts).
//   npm run build && npx tsx bench/signer-load.ts      (N=200 CONCURRENCY=10,50,200 WARMUP=20 PHASE_RUNS=50)
// APP_PORT=3650 IDP_PORT=3651, PHASE_TIME_LIMIT_S=300, TIME_LIMIT_S=1800.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import os from "node:os";
import postgres from "postgres";
import { createTestDatabase } from "../db/test/databases";
import { CookieJar } from "../e2e/fixtures/oidc-login";
import { hashLinkToken } from "../lib/bindings/link-token";
import { samplePdf } from "../lib/envelopes/pdf";
import { openOutboxMail } from "../lib/mail/sealed-mail";
import { BenchRun, checkSettings, productionBuildId } from "./harness";
import type { IdpInfo } from "./idp-process";
import { pool, report, round, summarise, table } from "./lib";
import { seedApiUser } from "./seed-api-user";
import {
  authenticateSigner,
  getSigningPage,
  SignerFailure,
  type SignerPerson,
  type SignerPhase,
  type SignerTimings,
} from "./signer-flow";
import { measureSignerPhases } from "./signer-phases";

const N = Number(process.env.N ?? 200);
const LEVELS = (process.env.CONCURRENCY ?? "10,50,200").split(",").map((s) => Number(s.trim()));
const WARMUP = Number(process.env.WARMUP ?? 20);
const PHASE_RUNS = Number(process.env.PHASE_RUNS ?? 50);
const APP_PORT = Number(process.env.APP_PORT ?? 3650);
const IDP_PORT = Number(process.env.IDP_PORT ?? 3651);
const PHASE_TIME_LIMIT_MS = Number(process.env.PHASE_TIME_LIMIT_S ?? 300) * 1000;
const TIME_LIMIT_MS = Number(process.env.TIME_LIMIT_S ?? 1800) * 1000;

checkSettings(N, LEVELS, [APP_PORT, IDP_PORT]);
const buildId = productionBuildId();
const appUrl = `http://localhost:${APP_PORT}`;
const SIGNER_EMAIL = "alice@example.com";
const run = new BenchRun(TIME_LIMIT_MS);

// ---------------------------------------------------------------- setup through the REST API
async function api(token: string, route: string, init: RequestInit & { json?: unknown } = {}) {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${token}`);
  if (init.json !== undefined) headers.set("content-type", "application/json");
  const res = await fetch(`${appUrl}${route}`, {
    ...init,
    headers,
    body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
  });
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (!res.ok)
    throw new Error(
      `${init.method ?? "GET"} ${route} answered HTTP ${res.status}: ${JSON.stringify(body).slice(0, 300)}`,
    );
  return body!;
}

function seedSender(dbUrl: string) {
  const user = {
    email: "bench-sender@example.test",
    permissions: { configure_identity_providers: "ALLOW", use_api: "ALLOW", send_envelopes: "ALLOW" } as const,
    tokenName: "bench signer-load",
  };
  return seedApiUser(dbUrl, user, async (_ctx, token) => token);
}

async function createSignerProvider(token: string, idp: IdpInfo): Promise<string> {
  const discovered = (await api(token, "/api/v6/identity-providers/discovery", {
    method: "POST",
    json: { url: `${idp.issuer}/.well-known/openid-configuration` },
  })) as { input: Record<string, unknown> & { jwt: Record<string, unknown> } };
  const created = await api(token, "/api/v6/identity-providers", {
    method: "POST",
    json: {
      ...discovered.input,
      name: "OAuthTest",
      clientId: idp.clients.basic.clientId,
      clientSecret: idp.clients.basic.clientSecret,
      tokenEndpointAuthMethod: "client_secret_basic",
      scope: "openid email profile",
      usedForSignerAuthentication: true,
      jwt: { ...discovered.input.jwt, mappings: [{ path: "email", mode: "validate", field: "email" }] },
      resourceUris: [
        {
          uri: `${idp.issuer}/me`,
          queryParameter: "bearer",
          mappings: [{ path: "family_name", mode: "update", field: "lastName" }],
        },
      ],
    },
  });
  return created.id as string;
}

const mailsRead = new Set<string>();

/** `count` envelopes from the seed JSON, one signer each (the test IdP's alice); returns their signing links from the outbox. */
const benchEncryptionKey = randomBytes(32);

async function sendEnvelopes(token: string, count: number): Promise<string[]> {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(samplePdf("Load"))], { type: "application/pdf" }), "contract.pdf");
  const { FileId } = (await api(token, "/api/v6/file/upload", { method: "POST", body: form })) as { FileId: string };
  const seed = readFileSync("lib/envelopes/fixtures/seed-001-send-envelope.json", "utf8");
  const body = JSON.parse(
    seed
      .replaceAll("##FileId##", FileId)
      .replaceAll("##EMAIL##", SIGNER_EMAIL)
      .replaceAll("##NAME##", "Load")
      .replaceAll("##DelegationUri##", "https://example.test/d")
      .replaceAll("##SignatureImagesUri##", "https://example.test/i"),
  ) as unknown;
  await pool(
    [1, 2, 3, 4],
    count,
    PHASE_TIME_LIMIT_MS,
    async () => void (await api(token, "/api/v6/envelope/send", { method: "POST", json: body })),
  );
  // Without SMTP_URL the app keeps each mail in the outbox (status "local"), sealed: open it as delivery would.
  const sealed = await run.check!<
    { id: string; sealed: string | null }[]
  >`select id, sealed from mail_outbox where to_address = ${SIGNER_EMAIL} order by created_at`;
  const rows = sealed.map((r) => ({ id: r.id, text: openOutboxMail(r, [benchEncryptionKey]).text }));
  const fresh = rows.filter((r) => !mailsRead.has(r.id));
  fresh.forEach((r) => mailsRead.add(r.id));
  const links = fresh
    .map((r) => /http:\/\/localhost:\d+\/sign\/[A-Za-z0-9_-]{43}/.exec(r.text)?.[0])
    .filter((l): l is string => !!l);
  if (links.length !== count) throw new Error(`expected ${count} signing links in the outbox, found ${links.length}`);
  return links;
}

// ---------------------------------------------------------------- measuring
const meter = run.meter;
const PHASES: SignerPhase[] = ["open", "start", "callback", "resume", "landing"];

async function level(persons: SignerPerson[], links: string[], providerId: string) {
  const timings: SignerTimings[] = [];
  signedIn.length = 0;
  const errors: Record<string, number> = {};
  const examples: string[] = [];
  run.rssPeakKiB = 0;
  const before = await meter.snapshot();
  const { started, timedOut } = await pool(persons, links.length, PHASE_TIME_LIMIT_MS, async (person, i) => {
    try {
      const done = await authenticateSigner(person, { appUrl, providerId, link: links[i]! });
      timings.push(done.timings);
      signedIn.push({ link: links[i]!, jar: done.jar });
    } catch (e) {
      const phase = e instanceof SignerFailure ? e.phase : "other";
      errors[phase] = (errors[phase] ?? 0) + 1;
      if (examples.length < 5) examples.push(e instanceof Error ? e.message : String(e));
    }
  });
  const after = await meter.snapshot();
  const seconds = (after.at - before.at) / 1000;
  // What the database says: each completed flow left an authenticated recipient and its AuthenticationSuccess row.
  const tokens = links.map((l) => l.split("/").at(-1)!);
  const [db] = await run.check!<{ authenticated: number; success: number }[]>`
    with r as (select envelope_id, authenticated_at from recipients where role = 'signer' and link_token_hash = any(${tokens.map(hashLinkToken)}::text[]))
    select (select count(*) from r where authenticated_at is not null)::int authenticated,
      (select count(*) from audit_events a where a.action = 'AuthenticationSuccess' and a.envelope_id in (select envelope_id from r))::int success`;
  const phase = (p: SignerPhase) => summarise(timings.map((t) => t[p]));
  return {
    flows: started,
    completed: timings.length,
    timedOut,
    seconds: round(seconds),
    flowsPerSecond: round(timings.length / seconds, 1),
    appLatencyMs: summarise(timings.map((t) => t.start + t.callback + t.resume + t.landing)),
    phasesMs: {
      ...Object.fromEntries(PHASES.map((p) => [p, phase(p)])),
      idpSignIn: summarise(timings.map((t) => t.idp)),
    },
    perFlow: meter.cpuPer(before, after, started),
    peakRssMiB: run.peakRssMiB(),
    loadAverage: os.loadavg().map((l) => round(l)),
    database: db,
    errors: { total: Object.values(errors).reduce((a, b) => a + b, 0), byPhase: errors, examples },
  };
}

const signedIn: { link: string; jar: CookieJar }[] = [];

/**
 * The app's CPU per request for the two page renders of a flow, one request at a time: the
 * signing link in a fresh browser (authentication window) and in the signer's (authenticated).
 */
async function pageCpu(count: number) {
  const sample = signedIn.slice(0, count);
  const measure = async (get: (s: (typeof sample)[number]) => Promise<void>) => {
    const before = await meter.snapshot();
    for (const s of sample) await get(s);
    return meter.cpuPer(before, await meter.snapshot(), sample.length).appCpuMs;
  };
  return {
    requests: sample.length,
    openPageAppCpuMs: await measure((s) => getSigningPage(new CookieJar(), s.link, "Authenticate to sign")),
    authenticatedPageAppCpuMs: await measure((s) =>
      getSigningPage(s.jar, `${s.link}?auth=ok`, "You are authenticated."),
    ),
  };
}

// ---------------------------------------------------------------- run
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
  const encryptionKey = benchEncryptionKey;
  const app = await run.startApp(APP_PORT, { appUrl, encryptionKey, idpPort: idp.port });
  run.sampleRss();
  const rssAfterStartMiB = run.rssMiB();

  const providerId = await createSignerProvider(token, idp);
  const persons: SignerPerson[] = Array.from({ length: Math.max(...LEVELS) }, () => ({
    ...idp.people.alice!,
    idpJar: new CookieJar(),
  }));
  const counts = [Math.max(WARMUP, 1), ...LEVELS.map(() => N)];
  const t = performance.now();
  const links = await sendEnvelopes(
    token,
    counts.reduce((a, b) => a + b, 0),
  );
  console.log(
    `[bench] ${links.length} envelopes sent through the REST API in ${round((performance.now() - t) / 1000, 1)} s; app pids ${run.appPids.join(", ")}`,
  );
  let offset = 0;
  const take = (n: number) => links.slice(offset, (offset += n));

  const warm = await level(persons.slice(0, 10), take(counts[0]!), providerId);
  if (warm.completed === 0 || warm.errors.total > 0)
    throw new Error(`warm-up failed: ${JSON.stringify(warm.errors)}\n${app.logs().slice(-3000)}`);
  const levels = [];
  for (const concurrency of LEVELS) {
    const l = await level(persons.slice(0, concurrency), take(N), providerId);
    console.log(
      `[bench] ${concurrency} concurrent: ${l.completed}/${N} in ${l.seconds} s, app p99 ${l.appLatencyMs.p99} ms, app CPU ${l.perFlow.appCpuMs} ms/flow, errors ${l.errors.total}`,
    );
    levels.push({ concurrency, ...l });
  }
  const pages = await pageCpu(100);
  const kernelPeakRssMiB = run.kernelPeakRssMiB();
  const phases = await measureSignerPhases({
    dbUrl: run.database.url,
    appUrl,
    encryptionKey,
    idp,
    providerId,
    senderToken: token,
    runs: PHASE_RUNS,
    send: (n) => sendEnvelopes(token, n),
  });

  report("signer-load", {
    n: N,
    buildId,
    signer: SIGNER_EMAIL,
    rssAfterStartMiB,
    kernelPeakRssMiB,
    levels,
    pages,
    phases,
    notes: [
      "appLatencyMs = start + callback + resume + landing (the signer page rendered authenticated), per flow as the client measures it; the IdP's own pages (idpSignIn) are not in it; the callback includes the app's outbound token and userinfo calls to the IdP.",
      "appCpuMs/idpCpuMs/dbCpuMs = utime+stime of the next start process tree / the IdP's / the app's PostgreSQL backends, per flow; driverCpuMs = this script (HTTP client, IdP pages).",
      "phases: the callback's parts timed in this process with the app's own lib functions against the same database and IdP (not over HTTP).",
    ],
  });
  const rows: (string | number)[][] = [
    [
      "concurrency",
      "ok",
      "errors",
      "flows/s",
      "app p50",
      "app p95",
      "app p99",
      "open p50",
      "start p50",
      "callback p50",
      "resume p50",
      "landing p50",
      "IdP p50",
      "app CPU/flow",
      "DB CPU/flow",
      "IdP CPU/flow",
      "cores app/machine",
      "peak RSS MiB",
      "load avg",
    ],
  ];
  for (const l of levels) {
    const p = l.phasesMs as Record<string, { p50: number }>;
    rows.push([
      l.concurrency,
      `${l.completed}/${N}`,
      l.errors.total,
      l.flowsPerSecond,
      l.appLatencyMs.p50,
      l.appLatencyMs.p95,
      l.appLatencyMs.p99,
      p.open!.p50,
      p.start!.p50,
      p.callback!.p50,
      p.resume!.p50,
      p.landing!.p50,
      p.idpSignIn!.p50,
      l.perFlow.appCpuMs,
      l.perFlow.dbCpuMs,
      l.perFlow.idpCpuMs,
      `${l.perFlow.coresBusy.app}/${l.perFlow.coresBusy.machineBusy}`,
      l.peakRssMiB,
      l.loadAverage[0]!,
    ]);
  }
  console.log("\nComplete signer authentications (ms; app = start + callback + resume + landing):");
  console.log(table(rows));
  const last = levels[0]!.perFlow.appCpuMs;
  console.log(
    `\nApp CPU per page render, one at a time (${pages.requests} each): signing link in a fresh browser ${pages.openPageAppCpuMs} ms, authenticated signer page ${pages.authenticatedPageAppCpuMs} ms; at ${levels[0]!.concurrency} concurrent a whole flow cost ${last} ms, so start + callback + resume ≈ ${round(last - pages.openPageAppCpuMs - pages.authenticatedPageAppCpuMs)} ms.`,
  );
  console.log(`\nWhere one signer authentication's time goes (${phases.runs} flows one at a time, in-process, ms):`);
  console.log(
    table([
      ["part", "p50", "p95", "share of callback p50"],
      ...phases.parts.map((p) => [p.part, p.ms.p50, p.ms.p95, p.share]),
    ]),
  );
  console.log(
    `JWKS fetches during those ${phases.runs} callbacks: ${phases.jwksFetches}. Slowest part: ${phases.slowest}.`,
  );
  console.log(
    `RSS after start ${rssAfterStartMiB} MiB, kernel peak (VmHWM) ${kernelPeakRssMiB} MiB. Machine: ${os.cpus().length} cores, shared.`,
  );
  for (const l of levels)
    if (l.errors.examples.length) console.log(`errors at ${l.concurrency}: ${l.errors.examples.join(" | ")}`);
});
