// Test support for property-based tests of REST bodies (issue 8, hostile input): what a
// hostile client can send, and the checks every body schema must pass against it.
import fc from "fast-check";
import { expect } from "vitest";
import type { z } from "zod";
import { formatPath } from "@/lib/errors";

/** Keys that break naive code: prototype names, markup, path syntax, the empty key. */
export const HOSTILE_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "<img src=x onerror=alert(1)>", "", "$", "a.b", "0", "length"];

export const hostileString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("", " ", "\t\n", "\u0000", "\u202e", "\ud800", "<img src=x onerror=alert(1)>", "'; DROP TABLE users; --", "NaN", "-1", "1e309", "true", "null", "a".repeat(5000)),
);

const hostileScalar = fc.oneof(hostileString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom(-0, 2 ** 53, -(2 ** 31), 1e308));

/** Arbitrary JSON as `request.json()` would give it: nested, with hostile keys and strings. */
export const hostileJson: fc.Arbitrary<unknown> = fc
  .letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      hostileScalar,
      fc.array(tie("value"), { maxLength: 4 }),
      fc.dictionary(fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 8 })), tie("value"), { maxKeys: 5 }),
    ),
  }))
  .value.map((v) => JSON.parse(JSON.stringify(v) ?? "null") as unknown);

/** A value no scalar, array or well-formed object field accepts. */
export const WRONG_VALUE = { "<img src=x onerror=alert(1)>": [1] };

export type JsonPath = (string | number)[];

/** Every path into a JSON value (objects and arrays), root excluded. */
export function nodePaths(value: unknown, prefix: JsonPath = []): JsonPath[] {
  if (value === null || typeof value !== "object") return [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...nodePaths(v, [...prefix, k])]);
}

/** A deep copy of `value` with the node at `path` replaced. */
export function replaceAt(value: unknown, path: JsonPath, replacement: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as Record<string | number, unknown>;
  let holder = copy;
  for (const key of path.slice(0, -1)) holder = holder[key] as Record<string | number, unknown>;
  holder[path.at(-1)!] = replacement;
  return copy;
}

/**
 * The one outcome allowed for any input: a result, never a throw; a failure is a ZodError whose
 * every issue has a message and a JSON path (`$`, `$.a[0].b`) the API can show.
 */
export function expectCleanResult<S extends z.ZodType>(schema: S, input: unknown): z.ZodSafeParseResult<z.output<S>> {
  let result: z.ZodSafeParseResult<z.output<S>> | undefined;
  expect(() => (result = schema.safeParse(input))).not.toThrow();
  if (!result!.success) {
    expect(result!.error.issues.length).toBeGreaterThan(0);
    for (const issue of result!.error.issues) {
      expect(issue.message).toEqual(expect.any(String));
      expect(issue.message.length).toBeGreaterThan(0);
      expect(issue.path.every((p) => typeof p === "string" || typeof p === "number")).toBe(true);
      expect(formatPath(issue.path)).toMatch(/^\$/);
    }
  }
  return result!;
}

type Checks = { numRuns?: number; /** unions report the mismatch at the union, not inside it */ pathsInside?: boolean };

/**
 * The properties of one REST body schema: arbitrary JSON and mutations of valid bodies give a
 * clean result; a valid body parses, and its parsed form parses to itself (also through JSON);
 * a wrong value anywhere in a valid body is reported at (or inside) that value's JSON path.
 */
export function checkBodySchema<S extends z.ZodType>(schema: S, valid: fc.Arbitrary<unknown>, { numRuns = 150, pathsInside = true }: Checks = {}) {
  fc.assert(
    fc.property(hostileJson, (input) => {
      expectCleanResult(schema, input);
    }),
    { numRuns },
  );

  fc.assert(
    fc.property(valid, (body) => {
      const first = expectCleanResult(schema, body);
      if (!first.success) throw new Error(`a valid body was refused: ${JSON.stringify(first.error.issues)}\n${JSON.stringify(body)}`);
      const again = expectCleanResult(schema, JSON.parse(JSON.stringify(first.data)));
      expect(again.success && again.data).toEqual(first.data);
    }),
    { numRuns },
  );

  const mutated = valid.chain((body) => {
    const paths = nodePaths(body);
    return fc.tuple(fc.constant(body), paths.length ? fc.constantFrom(...paths) : fc.constant(null), hostileJson);
  });
  fc.assert(
    fc.property(mutated, ([body, path, hostile]) => {
      if (!path) return;
      // Any value at any place: still a clean result.
      expectCleanResult(schema, replaceAt(body, path, hostile));
      // A value of the wrong kind: refused, and the problem is named at its path.
      const result = expectCleanResult(schema, replaceAt(body, path, WRONG_VALUE));
      expect(result.success).toBe(false);
      if (result.success || !pathsInside) return;
      const at = formatPath(path);
      const named = result.error.issues.map((i) => formatPath(i.path));
      expect(named.some((p) => p === at || p.startsWith(`${at}.`) || p.startsWith(`${at}[`)), `expected a problem at ${at}, got ${named.join(", ")}`).toBe(true);
    }),
    { numRuns },
  );
}
