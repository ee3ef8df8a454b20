// First-load JavaScript per route, from the production build (.next): the framework's root
// chunks (build-manifest rootMainFiles) plus the chunks of the route's layouts and page
// (its client reference manifest's entryJSFiles), each counted once, gzipped as served.
// Legacy polyfills (nomodule) are left out: modern browsers never load them.
//   npx next build && npx tsx bench/bundle.ts        (BUDGET_KB=250 for the admin pages)
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";
import { report } from "./lib";

const NEXT = ".next";
const BUDGET_KB = Number(process.env.BUDGET_KB ?? 250);
/** The admin screens the budget applies to. */
const isAdmin = (route: string) => route.startsWith("/settings");

type ClientManifest = { entryJSFiles?: Record<string, string[]>; entryCSSFiles?: Record<string, { path: string }[]> };

const sizes = new Map<string, { raw: number; gzip: number }>();
function sizeOf(file: string) {
  let s = sizes.get(file);
  if (!s) {
    const bytes = readFileSync(path.join(NEXT, file));
    s = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    sizes.set(file, s);
  }
  return s;
}
const total = (files: Iterable<string>) =>
  [...files].reduce((t, f) => ({ raw: t.raw + sizeOf(f).raw, gzip: t.gzip + sizeOf(f).gzip }), { raw: 0, gzip: 0 });
const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** The route a page entry serves: `/(app)/settings/users/[id]/page` → `/settings/users/[id]`. */
const routeOf = (entry: string) =>
  entry
    .replace(/\/page$/, "")
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .join("/")
    .replace(/^/, "/");

function clientManifest(entry: string): ClientManifest {
  const file = path.join(NEXT, "server", "app", `${entry}_client-reference-manifest.js`);
  // The manifest is a script assigning globalThis.__RSC_MANIFEST[entry]; run it in a sandbox.
  const sandbox: { globalThis?: unknown; self?: unknown; __RSC_MANIFEST?: Record<string, ClientManifest> } = {};
  sandbox.globalThis = sandbox;
  sandbox.self = sandbox;
  runInNewContext(readFileSync(file, "utf8"), sandbox);
  const manifest = sandbox.__RSC_MANIFEST?.[entry];
  if (!manifest) throw new Error(`no client manifest for ${entry} in ${file}`);
  return manifest;
}

function main() {
  if (!existsSync(path.join(NEXT, "BUILD_ID"))) throw new Error("No production build: run `npx next build` first");
  const build = JSON.parse(readFileSync(path.join(NEXT, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const appPaths = JSON.parse(readFileSync(path.join(NEXT, "server", "app-paths-manifest.json"), "utf8")) as Record<
    string,
    string
  >;
  const root = new Set(build.rootMainFiles.filter((f) => f.endsWith(".js")));
  const shared = total(root);

  const rows = Object.keys(appPaths)
    .filter((entry) => entry.endsWith("/page") && !entry.startsWith("/_"))
    .map((entry) => {
      const m = clientManifest(entry);
      const js = new Set(root);
      for (const files of Object.values(m.entryJSFiles ?? {})) for (const f of files) js.add(f);
      const css = new Set(Object.values(m.entryCSSFiles ?? {}).flatMap((files) => files.map((f) => f.path)));
      const route = routeOf(entry);
      const jsSize = total(js);
      return {
        route,
        files: js.size,
        jsKb: kb(jsSize.raw),
        jsGzipKb: kb(jsSize.gzip),
        pageOwnGzipKb: kb(jsSize.gzip - shared.gzip),
        cssGzipKb: kb(total(css).gzip),
        admin: isAdmin(route),
      };
    })
    .sort((a, b) => a.route.localeCompare(b.route));

  const over = rows.filter((r) => r.admin && r.jsGzipKb >= BUDGET_KB);
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log(`First-load JS per route (gzip; shared framework chunks ${kb(shared.gzip)} KB in ${root.size} files)\n`);
  console.log(
    `${"route".padEnd(52)} ${pad("files", 5)} ${pad("JS KB", 8)} ${pad("gzip KB", 8)} ${pad("own gz", 7)} ${pad("CSS gz", 7)}`,
  );
  for (const r of rows)
    console.log(
      `${r.route.padEnd(52)} ${pad(r.files, 5)} ${pad(r.jsKb, 8)} ${pad(r.jsGzipKb, 8)} ${pad(r.pageOwnGzipKb, 7)} ${pad(r.cssGzipKb, 7)}${r.admin ? "" : "  (not admin)"}`,
    );
  const admin = rows.filter((r) => r.admin);
  const largest = admin.reduce((a, b) => (b.jsGzipKb > a.jsGzipKb ? b : a), admin[0]!);
  console.log(
    `\nAdmin pages: largest ${largest.route} ${largest.jsGzipKb} KB gzip; budget ${BUDGET_KB} KB: ${over.length ? `EXCEEDED by ${over.map((r) => r.route).join(", ")}` : "met"}\n`,
  );
  report("bundle", {
    budgetKb: BUDGET_KB,
    sharedGzipKb: kb(shared.gzip),
    largestAdmin: { route: largest.route, gzipKb: largest.jsGzipKb },
    budgetMet: over.length === 0,
    routes: rows,
  });
  if (over.length) process.exitCode = 1;
}

main();
