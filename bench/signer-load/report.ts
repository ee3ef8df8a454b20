// The signer load's result file (bench/results/signer-load.json) and the summary it prints.
import os from "node:os";
import { report, round, table } from "../lib";
import type { measureSignerPhases } from "../signer-phases";
import type { LevelResult, PagesResult } from "./levels";
import type { measureRequests } from "./requests";
import { printProfilesSideBySide, type ProfileSummary } from "../profile";

export function reportSignerLoad(results: {
  n: number;
  buildId: string;
  signer: string;
  rssAfterStartMiB: number;
  kernelPeakRssMiB: number;
  levels: ({ concurrency: number } & LevelResult)[];
  pages: PagesResult;
  requests: Awaited<ReturnType<typeof measureRequests>>;
  /** PROFILE=<dir>: the server process's memory after start and after the levels (GC first), MiB. */
  memory?: Record<"afterStart" | "afterLoad", Record<"process" | "resident", Record<string, number>> | null>;
  /** PROFILE=<dir>: the same steps again under the V8 profiler. */
  profiledRequests?: Awaited<ReturnType<typeof measureRequests>>;
  phases: Awaited<ReturnType<typeof measureSignerPhases>>;
}) {
  const { n: N, levels, pages, requests, phases } = results;
  report("signer-load", {
    ...results,
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
  console.log(
    `\nEach request of a flow apart (${requests.signers} signers side by side, the app's requests one at a time; transactions committed on the app's database):`,
  );
  console.log(
    table([
      ["request", "app CPU ms", "PostgreSQL CPU ms", "transactions"],
      ...Object.entries(requests.byRequest).map(([k, v]) => [k, v.appCpuMs, v.dbCpuMs, v.transactions]),
      ["whole flow", requests.perFlow.appCpuMs, requests.perFlow.dbCpuMs, requests.perFlow.transactions],
    ]),
  );
  if (results.memory?.afterStart && results.memory.afterLoad) {
    const { afterStart, afterLoad } = results.memory;
    const row = (name: string, m: typeof afterStart) => [
      name,
      m.resident.rss!,
      m.resident.anonymous!,
      m.resident.fileBacked!,
      m.process.heapTotal!,
      m.process.heapUsed!,
      m.process.external!,
      m.process.arrayBuffers!,
    ];
    console.log(
      "\nWhere the server process's memory is (MiB; the app's process.memoryUsage() after a full GC, and /proc smaps_rollup):",
    );
    console.log(
      table([
        ["when", "RSS", "anonymous", "file-backed", "V8 heap total", "heap used", "external", "array buffers"],
        row("after start", afterStart),
        row("after the levels", afterLoad),
      ]),
    );
  }
  if (results.profiledRequests?.profiles) {
    const { profiles, signers } = results.profiledRequests;
    console.log(
      `\nWhere each request's app CPU goes: V8 CPU profiles of the same steps again (${signers} more signers; the profiler slows the app, so these add up to more than the table above; the .cpuprofile files open in Chrome DevTools):`,
    );
    printProfilesSideBySide(profiles as Record<string, ProfileSummary>, "request");
    for (const [phase, p] of Object.entries(profiles)) console.log(`  ${phase}: ${p.file}`);
  }
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
    `RSS after start ${results.rssAfterStartMiB} MiB, kernel peak (VmHWM) ${results.kernelPeakRssMiB} MiB. Machine: ${os.cpus().length} cores, shared.`,
  );
  for (const l of levels)
    if (l.errors.examples.length) console.log(`errors at ${l.concurrency}: ${l.errors.examples.join(" | ")}`);
}
