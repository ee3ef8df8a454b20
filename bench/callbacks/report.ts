// The callbacks bench's result file (bench/results/callbacks.json) and the summary it prints.
import os from "node:os";
import { printProfile, type ProfileSummary } from "../profile";
import { report, table } from "../lib";
import { errorCount } from "./person";
import type { BurstResult, FlowsResult } from "./phases";

export type Level = { concurrency: number; completeFlows: FlowsResult; callbacksOnly: BurstResult | null };
type Profile = ProfileSummary;

export function reportCallbacks(results: {
  n: number;
  warmup: number;
  buildId: string;
  clockTicksPerSecond: number;
  appProcesses: { pid: number; command: string }[];
  rssAfterStartMiB: number;
  kernelPeakRssMiB: number;
  idleAppCpuMsPerSecond: number;
  levels: Level[];
  profile?: Profile;
}) {
  const { n: N, levels, profile } = results;
  report("callbacks", {
    ...results,
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
    rows.push([
      l.concurrency,
      `${f.completed}/${N}`,
      errorCount(f.errors) + (b ? errorCount(b.errors) : 0),
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
  if (profile) printProfile(profile, "Where the app's CPU goes");
  console.log(
    `Idle app: ${results.idleAppCpuMsPerSecond} ms CPU/s. RSS after start ${results.rssAfterStartMiB} MiB, kernel peak (VmHWM) ${results.kernelPeakRssMiB} MiB. (cores busy: the app's / the whole machine's of ${os.cpus().length}, others' work included.) Targets: app CPU <= 5 ms/flow, app p99 < 25 ms at 10 concurrent, RSS < 250 MB.`,
  );
  for (const l of levels) {
    for (const e of [l.completeFlows.errors, l.callbacksOnly?.errors])
      if (e?.examples.length) console.log(`errors at ${l.concurrency}: ${e.examples.join(" | ")}`);
  }
}
