// The app's surface, read from the file system and the build, so that a new page, route
// handler or server action is walked by the hardening specs without anyone listing it.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export type Route = { file: string; pattern: string };
export type ApiRoute = Route & { methods: string[] };
export type ServerAction = { id: string; file: string; name: string; page: string };

function walk(dir: string, name: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return walk(full, name);
    return entry === name ? [full] : [];
  });
}

/** `app/(app)/settings/users/[id]/page.tsx` → `/settings/users/[id]` (route groups dropped). */
function patternOf(file: string, root: string): string {
  const segments = path
    .relative(root, path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

/** Every page of the signed-in app and of the print views. */
export function appPages(): Route[] {
  return ["app/(app)", "app/(print)"].flatMap((dir) =>
    walk(dir, "page.tsx").map((file) => ({ file, pattern: patternOf(file, "app") })),
  );
}

/** Every REST route handler under /api/v6 with the HTTP methods it exports. */
export function apiRoutes(): ApiRoute[] {
  return walk("app/api/v6", "route.ts").map((file) => {
    const source = readFileSync(file, "utf8");
    const methods = [
      ...source.matchAll(/export\s+(?:const|(?:async\s+)?function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g),
    ].map((m) => m[1]!);
    if (methods.length === 0) throw new Error(`${file} exports no HTTP method the walk recognises`);
    return { file, pattern: patternOf(file, "app"), methods };
  });
}

/** Every server action of the production build (.next), with one page that can receive it. */
export function serverActions(): ServerAction[] {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).map(([id, a]) => {
    const worker = Object.keys(a.workers)[0];
    if (!worker) throw new Error(`server action ${a.exportedName} has no page`);
    return { id, file: a.filename, name: a.exportedName, page: patternOf(`${worker}.tsx`, "app") };
  });
}

/** A concrete URL: each [segment] replaced by what `idFor(path before it, name)` gives, else a random UUID. */
export function fill(
  pattern: string,
  idFor: (before: string, name: string) => string | undefined = () => undefined,
): string {
  return pattern.replace(
    /\[([^\]]+)\]/g,
    (segment: string, name: string, offset: number) => idFor(pattern.slice(0, offset), name) ?? crypto.randomUUID(),
  );
}
