// Test support for property-based tests of REST bodies (issue 8, hostile input): what a
// hostile client can send, and the checks every body schema must pass against it.
import fc from "fast-check";
import { expect } from "vitest";
import type { z } from "zod";
import { formatPath } from "@/lib/errors";
import { findConversionTrap } from "@/lib/http/json-body";
import { hostileJson } from "./hostile-json";

export { HOSTILE_KEYS, hostileJson, hostileString } from "./hostile-json";

/** A value no scalar, array or well-formed object field accepts. */
export const WRONG_VALUE = { "<img src=x onerror=alert(1)>": [1] };

export type JsonPath = (string | number)[];

/** Every path into a JSON value (objects and arrays), root excluded. */
export function nodePaths(value: unknown, prefix: JsonPath = []): JsonPath[] {
  if (value === null || typeof value !== "object") return [];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
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
export function checkBodySchema<S extends z.ZodType>(
  schema: S,
  valid: fc.Arbitrary<unknown>,
  { numRuns = 150, pathsInside = true }: Checks = {},
) {
  // Bodies readJson refuses (a toString/valueOf member: lib/http/json-body.ts) never reach a schema.
  const reaches = (input: unknown) => findConversionTrap(input) === null;
  fc.assert(
    fc.property(hostileJson, (input) => {
      if (reaches(input)) expectCleanResult(schema, input);
    }),
    { numRuns },
  );

  fc.assert(
    fc.property(valid, (body) => {
      const first = expectCleanResult(schema, body);
      if (!first.success)
        throw new Error(`a valid body was refused: ${JSON.stringify(first.error.issues)}\n${JSON.stringify(body)}`);
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
      const anyValue = replaceAt(body, path, hostile);
      if (reaches(anyValue)) expectCleanResult(schema, anyValue);
      // A value of the wrong kind: refused, and the problem is named at its path.
      const result = expectCleanResult(schema, replaceAt(body, path, WRONG_VALUE));
      expect(result.success).toBe(false);
      if (result.success || !pathsInside) return;
      const at = formatPath(path);
      const named = result.error.issues.map((i) => formatPath(i.path));
      expect(
        named.some((p) => p === at || p.startsWith(`${at}.`) || p.startsWith(`${at}[`)),
        `expected a problem at ${at}, got ${named.join(", ")}`,
      ).toBe(true);
    }),
    { numRuns },
  );
}
