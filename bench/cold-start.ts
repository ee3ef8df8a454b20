// A fresh app process: how long until it answers, its resident memory then, what the first
// request of each kind of page costs against the second (the route's code loads on its first
// request when Next does not preload every route at start), and the memory after.
//   npm run build && npx tsx bench/cold-start.ts      (RUNS=3 fresh processes, figures are medians; SETTLE_MS=10000)
// APP_PORT=3670 IDP_PORT=3671.
import { randomBytes } from "node:crypto";
import { createTestDatabase } from "../db/test/databases";
import { BenchRun, checkSettings, productionBuildId } from "./harness";
import { report, round, table } from "./lib";

const RUNS = Number(process.env.RUNS ?? 3);
/** How long the process is left alone after it answers (Next may still be loading routes then). */
const SETTLE_MS = Number(process.env.SETTLE_MS ?? 10_000);
const APP_PORT = Number(process.env.APP_PORT ?? 3670);
const IDP_PORT = Number(process.env.IDP_PORT ?? 3671);
checkSettings(RUNS, [1], [APP_PORT, IDP_PORT]);
const buildId = productionBuildId();
const appUrl = `http://localhost:${APP_PORT}`;

// Pages a visitor reaches without an account, each a different route: the login page, a signing
// link (unknown: the page still renders), the OAuth error page, an API answer, a static asset.
const PAGES = [
  ["login page", "/login"],
  ["signing link", `/sign/${"A".repeat(43)}`],
  ["OAuth error page", "/oauth/error?code=unknown"],
  ["API (401)", "/api/v6/envelope/00000000-0000-0000-0000-000000000000"],
  ["favicon", "/favicon.ico"],
] as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timedGet(path: string): Promise<number> {
  const t = performance.now();
  const res = await fetch(`${appUrl}${path}`, { redirect: "manual" });
  await res.arrayBuffer();
  if (res.status >= 500) throw new Error(`GET ${path} answered ${res.status}`);
  return performance.now() - t;
}

const runs: {
  readyMs: number;
  rssAfterStartMiB: number;
  rssSettledMiB: number;
  rssAfterMiB: number;
  firstMs: number[];
  secondMs: number[];
}[] = [];
for (let i = 0; i < RUNS; i++) {
  const run = new BenchRun(300_000);
  await run.execute(async () => {
    run.database = await createTestDatabase("bench_cold");
    const idp = await run.startIdp(IDP_PORT, `${appUrl}/oauth/callback/`);
    const t = performance.now();
    await run.startApp(APP_PORT, { appUrl, encryptionKey: randomBytes(32), idpPort: idp.port });
    const readyMs = performance.now() - t;
    const rssAfterStartMiB = run.rssMiB();
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const rssSettledMiB = run.rssMiB();
    const firstMs: number[] = [];
    const secondMs: number[] = [];
    for (const [, path] of PAGES) firstMs.push(await timedGet(path));
    for (const [, path] of PAGES) secondMs.push(await timedGet(path));
    runs.push({ readyMs, rssAfterStartMiB, rssSettledMiB, rssAfterMiB: run.rssMiB(), firstMs, secondMs });
  });
  if (process.exitCode) process.exit(process.exitCode);
}

const results = {
  buildId,
  runs: RUNS,
  readyMs: round(median(runs.map((r) => r.readyMs))),
  rssAfterStartMiB: median(runs.map((r) => r.rssAfterStartMiB)),
  rssSettledMiB: median(runs.map((r) => r.rssSettledMiB)),
  rssAfterPagesMiB: median(runs.map((r) => r.rssAfterMiB)),
  pages: PAGES.map(([name, path], i) => ({
    name,
    path,
    firstMs: round(median(runs.map((r) => r.firstMs[i]!))),
    secondMs: round(median(runs.map((r) => r.secondMs[i]!))),
  })),
};
report("cold-start", results);
console.log(
  `\nA fresh process (median of ${RUNS}): ready in ${results.readyMs} ms (launcher, migrations check, Next), RSS ${results.rssAfterStartMiB} MiB then, ${results.rssSettledMiB} MiB ${SETTLE_MS / 1000} s later, ${results.rssAfterPagesMiB} MiB after the pages below (first requests after those ${SETTLE_MS / 1000} s).\n${table(
    [["page", "first request ms", "second ms"], ...results.pages.map((p) => [p.name, p.firstMs, p.secondMs])],
  )}`,
);
process.exit(0);
