import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ZProviderInput } from "@/lib/identity-providers/schema";
import { hostileJson } from "@/lib/testing/hostile-json";
import { ZCreateUserInput, ZRoleInput } from "@/lib/users/schema";
import { findConversionTrap } from "./json-body";

describe("REST bodies with conversion traps", () => {
  it("the hazard: zod compares a non-string's .length with min/max, and a toString member makes that throw", () => {
    // If this stops throwing (a zod fix), the guard in readJson may go.
    expect(() =>
      z
        .string()
        .max(3)
        .safeParse({ length: { toString: 0 } }),
    ).toThrow(TypeError);
    expect(() => ZCreateUserInput.safeParse({ email: { length: { valueOf: 1, toString: 1 } } })).toThrow(TypeError);
  });

  it("names the first such member by its JSON path, at any depth", () => {
    expect(findConversionTrap({ email: { length: { toString: 0 } } })).toBe("$.email.length.toString");
    expect(findConversionTrap({ a: [1, { b: [{ valueOf: null }] }] })).toBe("$.a[1].b[0].valueOf");
    expect(findConversionTrap({ __proto__x: 1, constructor: { prototype: {} }, toStringy: 1 })).toBeNull();
    expect(findConversionTrap(JSON.parse(`${"[".repeat(20_000)}{"toString":1}${"]".repeat(20_000)}`))).toMatch(
      /^\$(\[0\]){20000}\.toString$/,
    );
  });

  it("every body readJson lets through parses cleanly with every body schema", () => {
    fc.assert(
      fc.property(
        hostileJson,
        fc.constantFrom<z.ZodType>(ZProviderInput, ZCreateUserInput, ZRoleInput),
        (body, schema) => {
          const wrapped = { email: body, name: body, clientId: body, permissions: body };
          if (findConversionTrap(wrapped)) return;
          expect(() => schema.safeParse(wrapped)).not.toThrow();
        },
      ),
      { numRuns: 500 },
    );
  });
});
