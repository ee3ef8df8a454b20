import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { cruise, type ICruiseOptions, type ICruiseResult } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The layer rules of .dependency-cruiser.cjs (what `npm run lint:layers` checks), run through
// dependency-cruiser's API: each rule fires on a small tree that breaks it on purpose, allowed
// imports stay quiet, and the real lib/ and db/ break none.

const ROOT = path.resolve(__dirname, "../..");

/** A small tree that breaks every rule (and keeps to them where ALLOWED says). */
const FILES: Record<string, string> = {
  // Two files that import each other.
  "lib/alpha/one.ts": 'import { two } from "./two";\nexport const one = () => two;',
  "lib/alpha/two.ts": 'import { one } from "./one";\nexport const two = () => one;',
  // Two lib/ folders that import each other, through different files.
  "lib/alpha/three.ts": 'import { four } from "@/lib/beta/four";\nexport const three = four;',
  "lib/beta/four.ts": "export const four = 4;",
  "lib/beta/five.ts": 'import { six } from "@/lib/alpha/six";\nexport const five = six;',
  "lib/alpha/six.ts": "export const six = 6;",
  // The engine reaching for everything it may not.
  "lib/oauth/engine.ts": [
    'import { users } from "@/db/schema";',
    'import Page from "@/app/page";',
    'import { Widget } from "@/components/widget";',
    'import { roleNames } from "@/lib/users/roles";',
    'import { NextResponse } from "next/server";',
    'import NextAuth from "next-auth";',
    "export const engine = [users, Page, Widget, roleNames, NextResponse, NextAuth];",
  ].join("\n"),
  "components/widget.tsx": 'import { users } from "@/db/schema";\nexport const Widget = () => users;',
  "app/page.tsx": 'import { users } from "@/db/schema";\nexport default function Page() {\n  return users;\n}',
  "db/schema.ts": 'import { roleNames } from "@/lib/users/roles";\nexport const users = roleNames;',
  "lib/users/roles.ts": 'import { Widget } from "@/components/widget";\nexport const roleNames = [Widget];',
};

/** Each rule with the breaches of FILES it must report, `from` and a pattern of `to`; a rule missing here fails the test. */
const BREACHES: Record<string, [from: string, to: RegExp][]> = {
  "no-cycles": [["lib/alpha/one.ts", /^lib\/alpha\/two\.ts$/]],
  "no-cycles-between-lib-domains": [["lib/alpha", /^lib\/beta$/]],
  "oauth-engine-stands-alone": [
    ["lib/oauth/engine.ts", /^db\/schema\.ts$/],
    ["lib/oauth/engine.ts", /^app\/page\.tsx$/],
    ["lib/oauth/engine.ts", /^components\/widget\.tsx$/],
    ["lib/oauth/engine.ts", /^lib\/users\/roles\.ts$/],
    ["lib/oauth/engine.ts", /node_modules\/next\//],
    ["lib/oauth/engine.ts", /node_modules\/next-auth\//],
  ],
  "components-never-touch-the-database": [["components/widget.tsx", /^db\/schema\.ts$/]],
  "app-reaches-data-through-lib": [["app/page.tsx", /^db\/schema\.ts$/]],
  "db-is-the-bottom-layer": [["db/schema.ts", /^lib\/users\/roles\.ts$/]],
  "lib-is-not-a-ui": [
    ["lib/users/roles.ts", /^components\/widget\.tsx$/],
    ["lib/oauth/engine.ts", /^app\/page\.tsx$/],
  ],
};

/** Imports the rules allow: the engine's guard, a domain on the engine, a route on lib/, test helpers on lib/. */
const ALLOWED: Record<string, string> = {
  "lib/net/fetch.ts": "export const fetchOut = 1;",
  "lib/oauth/uses-net.ts": 'import { fetchOut } from "@/lib/net/fetch";\nexport const usesNet = fetchOut;',
  "lib/identity-providers/uses-engine.ts":
    'import { usesNet } from "@/lib/oauth/uses-net";\nexport const provider = usesNet;',
  "app/route.ts":
    'import { provider } from "@/lib/identity-providers/uses-engine";\nexport const GET = () => provider;',
  "db/test/seed.ts": 'import { provider } from "@/lib/identity-providers/uses-engine";\nexport const seed = provider;',
};

const fixtureDir = path.join(ROOT, ".data", `layer-rules-${process.pid}-${Date.now()}`);
let options: ICruiseOptions;
let fixture: ICruiseResult;

/** The violations of a cruise as `rule from → to` (a cycle's `to` is its first step). */
const violationsOf = (result: ICruiseResult) =>
  (result.summary.violations ?? []).map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));

beforeAll(async () => {
  options = await extractDepcruiseOptions(path.join(ROOT, ".dependency-cruiser.cjs"));
  // Inside the repository (.data/ is ignored by git, tsc, vitest and eslint), so `next` resolves
  // to node_modules as it does for the real tree.
  for (const [name, source] of Object.entries({ ...FILES, ...ALLOWED })) {
    mkdirSync(path.dirname(path.join(fixtureDir, name)), { recursive: true });
    writeFileSync(path.join(fixtureDir, name), `${source}\n`);
  }
  const tsConfig = path.join(fixtureDir, "tsconfig.json");
  writeFileSync(
    tsConfig,
    JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@/*": ["./*"] }, jsx: "react-jsx" } }),
  );
  fixture = (
    await cruise(
      ["app", "components", "lib", "db"],
      { ...options, baseDir: fixtureDir, tsConfig: { fileName: tsConfig } },
      undefined,
      { tsConfig: extractTSConfig(tsConfig) },
    )
  ).output as ICruiseResult;
});
afterAll(() => rmSync(fixtureDir, { recursive: true, force: true }));

describe("the layer rules", () => {
  it("every rule of .dependency-cruiser.cjs has a deliberate breach here", () => {
    expect(Object.keys(BREACHES).sort()).toEqual(options.ruleSet!.forbidden!.map((r) => r.name).sort());
  });

  it.each(Object.entries(BREACHES))("%s fires on its breach", (rule, breaches) => {
    const reported = violationsOf(fixture).filter((v) => v.rule === rule);
    for (const [from, to] of breaches)
      expect(reported, `${rule}: ${from} → ${to}`).toContainEqual({ rule, from, to: expect.stringMatching(to) });
  });

  it("allowed imports are not reported", () => {
    const quiet = Object.keys(ALLOWED);
    expect(violationsOf(fixture).filter((v) => quiet.includes(v.from) || quiet.includes(v.to))).toEqual([]);
  });

  it("the real lib/ and db/ break none of them", async () => {
    const real = await cruise(["lib", "db"], { ...options, baseDir: ROOT }, undefined, {
      tsConfig: extractTSConfig(path.join(ROOT, "tsconfig.json")),
    });
    const result = real.output as ICruiseResult;
    // Every import resolved (an alias that did not would hide its module from the rules).
    expect(result.modules.filter((m) => m.source.startsWith("lib/")).length).toBeGreaterThan(150);
    expect(result.modules.filter((m) => m.couldNotResolve).map((m) => m.source)).toEqual([]);
    expect(violationsOf(result)).toEqual([]);
  });
});
