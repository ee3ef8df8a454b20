// Optional CPU profiles of the app for the benches (PROFILE=<dir>: bench/callbacks.ts,
// bench/signer-load.ts, bench/logins.ts): the app is started with its inspector on a loopback
// port, the V8 profiler runs only around what is measured, and the profile is saved (open it in
// Chrome DevTools → Performance) and summarised here, the app's own files and the parts of Next's
// bundled runtime (React's renderers, app-render, routing) named through source maps
// (bench/source-map.ts). Needs a WebSocket client: Node 22, or Node 20 with
// NODE_OPTIONS=--experimental-websocket.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { table } from "./lib";
import { sourceOf } from "./source-map";

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number };
  children?: number[];
};
export type CpuProfile = {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
};

export function profilingAvailable(): boolean {
  return typeof (globalThis as { WebSocket?: unknown }).WebSocket === "function";
}

/**
 * PROFILE=<dir> as a bench reads it: the directory, or "" when not asked; exits with the reason
 * when profiling cannot work here (no WebSocket client, or several workers: one inspector port).
 */
export function profileDirFromEnv(script: string): string {
  const dir = process.env.PROFILE ?? "";
  if (!dir) return "";
  const fail = (message: string): never => {
    console.error(`[bench] ${message}`);
    process.exit(1);
  };
  if (!profilingAvailable())
    fail(
      `PROFILE needs a WebSocket client: on Node 20 run NODE_OPTIONS=--experimental-websocket PROFILE=${dir} npx tsx ${script}`,
    );
  if ((process.env.WEB_CONCURRENCY ?? "1") !== "1")
    fail("PROFILE profiles one app process: leave WEB_CONCURRENCY unset");
  return dir;
}

/** The environment that starts a Node process with its inspector on a loopback port. */
export function inspectorEnv(port: number): { NODE_OPTIONS: string } {
  return { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --inspect=127.0.0.1:${port}`.trim() };
}

/** Connects to a Node inspector on 127.0.0.1:<port> and drives its V8 profiler. */
export async function connectProfiler(port: number) {
  const deadline = Date.now() + 10_000;
  let targets: { webSocketDebuggerUrl: string }[] = [];
  while (Date.now() < deadline && targets.length === 0) {
    targets = await fetch(`http://127.0.0.1:${port}/json/list`).then(
      (r) => r.json() as Promise<typeof targets>,
      () => [],
    );
    if (!targets.length) await new Promise((r) => setTimeout(r, 200));
  }
  if (!targets[0]) throw new Error(`no inspector answers on 127.0.0.1:${port}`);
  const ws = new WebSocket(targets[0].webSocketDebuggerUrl);
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener("open", () => resolve(), { once: true });
    ws.addEventListener("error", () => reject(new Error("cannot connect to the app's inspector")), { once: true });
  });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  ws.addEventListener("message", (event) => {
    const msg = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
    const w = msg.id === undefined ? undefined : waiting.get(msg.id);
    if (!w) return;
    waiting.delete(msg.id!);
    if (msg.error) w.reject(new Error(msg.error.message));
    else w.resolve(msg.result);
  });
  const send = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      ws.send(JSON.stringify({ id, method, params }));
      setTimeout(() => waiting.has(id) && (waiting.delete(id), reject(new Error(`${method} timed out`))), 60_000);
    });
  await send("Profiler.enable");
  await send("Profiler.setSamplingInterval", { interval: 500 });
  return {
    start: () => send("Profiler.start"),
    stop: async () => ((await send("Profiler.stop")) as { profile: CpuProfile }).profile,
    /** The app's own view of its memory (process.memoryUsage(), MiB), after a full garbage collection. */
    memory: async (): Promise<Record<string, number>> => {
      await send("HeapProfiler.collectGarbage");
      const { result } = (await send("Runtime.evaluate", {
        expression: "JSON.stringify(process.memoryUsage())",
        returnByValue: true,
      })) as { result: { value: string } };
      const bytes = JSON.parse(result.value) as Record<string, number>;
      return Object.fromEntries(Object.entries(bytes).map(([k, v]) => [k, Math.round((v / 1048576) * 10) / 10]));
    },
    close: () => ws.close(),
  };
}

/**
 * Where a process's resident memory is (/proc/<pid>/smaps_rollup, MiB): anonymous (the heaps,
 * JIT code, buffers) against file-backed (the node binary, shared libraries, mapped files).
 */
export function residentMemory(pid: number): Record<string, number> {
  const text = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0);
  const mib = (k: number) => Math.round((k / 1024) * 10) / 10;
  return { rss: mib(kib("Rss")), anonymous: mib(kib("Anonymous")), fileBacked: mib(kib("Rss") - kib("Anonymous")) };
}

/** A group to add time to: the app's own file, a package, a part of Node, or V8's own work. */
export function groupOf(frame: ProfileNode["callFrame"]): string {
  const { url, functionName: name } = frame;
  if (!url) return name.startsWith("(") ? name : "(native)";
  if (url.startsWith("node:"))
    return `node:${url
      .slice(5)
      .split("/")
      .slice(0, url.startsWith("node:internal/deps") ? 3 : 2)
      .join("/")}`;
  const original =
    sourceOf(url, frame.lineNumber, frame.columnNumber ?? 0) ??
    (url.startsWith("file://") ? path.relative(process.cwd(), fileURLToPath(url)) : url);
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)(\/.*)?$/.exec(original);
  if (pkg) {
    // drizzle-orm's own source maps name "src/…", which the bundle's map then places at node_modules/src.
    if (pkg[1] === "src") return "drizzle-orm";
    if (pkg[1] === "next") return nextPart(pkg[2] ?? "");
    return pkg[1]!;
  }
  return original.startsWith("..") ? "(outside the project)" : original;
}

/** Next bundles React's renderers into its runtime: its source maps tell them apart. */
function nextPart(file: string): string {
  if (/\/compiled\/react-dom\//.test(file)) return "react-dom (HTML from the RSC payload)";
  if (/\/compiled\/react-server-dom-[^/]+\/.*server/.test(file)) return "react-server-dom (RSC payload render)";
  if (/\/compiled\/react-server-dom-[^/]+\//.test(file)) return "react-server-dom (RSC payload read)";
  if (/\/compiled\/react\//.test(file)) return "react";
  if (/\/server\/app-render\/|\/server\/stream-utils\//.test(file)) return "next (app-render, streams)";
  if (/\/compiled\//.test(file)) return `next's bundled ${file.split("/compiled/")[1]!.split("/")[0]}`;
  return "next";
}

/**
 * Self time by code group (the app's own files resolved through the build's source maps),
 * and inclusive time of the app's own files (their code and all they call), per flow.
 */
export function summariseProfile(profile: CpuProfile, flows: number, top = 25) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const group = new Map<number, string>();
  const groupOfNode = (id: number) => {
    let g = group.get(id);
    if (g === undefined) group.set(id, (g = groupOf(byId.get(id)!.callFrame)));
    return g;
  };
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busyUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    const us = profile.timeDeltas[i + 1] ?? 0;
    const g = groupOfNode(id);
    if (g === "(idle)") continue;
    busyUs += us;
    self.set(g, (self.get(g) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const ag = groupOfNode(at);
      if (seen.has(ag)) continue;
      seen.add(ag);
      inclusive.set(ag, (inclusive.get(ag) ?? 0) + us);
    }
  }
  const ms = (us: number) => Math.round((us / 1000 / flows) * 100) / 100;
  const rows = (m: Map<string, number>, keep: (name: string) => boolean = () => true) =>
    [...m]
      .filter(([name]) => keep(name))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, msPerFlow: ms(us), share: `${Math.round((us / busyUs) * 1000) / 10}%` }));
  // The project's own files (app/, lib/, db/, proxy.ts …), as the source maps name them.
  const own = (name: string) =>
    !/^(\(|node:|node_modules\/|\.next\/|wasm:)/.test(name) &&
    !name.includes("node_modules") &&
    /\.(ts|tsx)$/.test(name);
  const kind = (name: string) =>
    own(name)
      ? "the project's own code"
      : name.startsWith("react")
        ? "React (server render, RSC payload, HTML)"
        : name.startsWith("next")
          ? "next (routing, request/response, app-render, proxy adapter)"
          : name === "postgres" || name === "drizzle-orm"
            ? "database client (postgres.js, drizzle-orm)"
            : name.startsWith("node:")
              ? "Node's JavaScript (http, streams, fetch, async hooks)"
              : name.startsWith("(")
                ? `V8/native ${name}`
                : name.startsWith("wasm:")
                  ? "wasm (llhttp)"
                  : "other packages";
  const rollup = new Map<string, number>();
  for (const [name, us] of self) rollup.set(kind(name), (rollup.get(kind(name)) ?? 0) + us);
  return {
    busyMsPerFlow: ms(busyUs),
    wallSeconds: Math.round((profile.endTime - profile.startTime) / 1e4) / 100,
    selfByKind: rows(rollup),
    selfByGroup: rows(self),
    // Synchronous stacks only: code that resumes after an await starts a new stack, so these understate.
    inclusiveOwnCode: rows(inclusive, own),
    // Packages the app calls (next wraps everything, Node's internals are the async roots).
    inclusivePackages: rows(
      inclusive,
      (name) =>
        !own(name) &&
        !name.startsWith("(") &&
        !name.startsWith("node:") &&
        !name.startsWith("next") &&
        !name.startsWith("wasm:"),
    ),
  };
}

export type ProfileSummary = ReturnType<typeof summariseProfile>;

/** Saves a raw profile as <dir>/<name>-<time>.cpuprofile; returns its path. */
export function saveProfile(dir: string, name: string, raw: CpuProfile): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${Date.now()}.cpuprofile`);
  writeFileSync(file, JSON.stringify(raw));
  return file;
}

/** Prints a summary's tables; `unit` names what one share is of ("flow", "login", "request"). */
export function printProfile(profile: ProfileSummary, title: string, unit = "flow", rows = 15) {
  const show = (heading: string, list: { name: string; msPerFlow: number; share: string }[]) =>
    console.log(
      `\n${table([[heading, `ms/${unit}`, "share"], ...list.slice(0, rows).map((r) => [r.name, r.msPerFlow, r.share])])}`,
    );
  console.log(`\n${title} (profiled, ${profile.busyMsPerFlow} ms busy per ${unit}; the profiler itself adds some):`);
  show("self time by kind of code", profile.selfByKind);
  show("self time by code", profile.selfByGroup);
  show("inclusive (synchronous stacks): the app's own files", profile.inclusiveOwnCode);
  show("inclusive: packages", profile.inclusivePackages);
}

/**
 * Several profiles side by side (one column each: a kind of request, or a target): self time by
 * kind of code, then by code group (the `rows` largest over all columns), in ms per `unit`.
 */
export function printProfilesSideBySide(profiles: Record<string, ProfileSummary>, unit: string, rows = 14) {
  const names = Object.keys(profiles);
  const sideBySide = (pick: (p: ProfileSummary) => { name: string; msPerFlow: number }[], heading: string) => {
    const totals = new Map<string, number>();
    for (const p of Object.values(profiles))
      for (const r of pick(p)) totals.set(r.name, (totals.get(r.name) ?? 0) + r.msPerFlow);
    const top = [...totals].sort((a, b) => b[1] - a[1]).slice(0, rows);
    console.log(
      `\n${table([
        [`${heading}, ms/${unit}`, ...names],
        ...top.map(([name]) => [
          name,
          ...names.map((n) => pick(profiles[n]!).find((r) => r.name === name)?.msPerFlow ?? 0),
        ]),
        ["busy (all code)", ...names.map((n) => profiles[n]!.busyMsPerFlow)],
      ])}`,
    );
  };
  sideBySide((p) => p.selfByKind, "self time by kind of code");
  sideBySide((p) => p.selfByGroup, "self time by code");
  sideBySide((p) => p.inclusiveOwnCode, "inclusive: the app's own files");
}
