import { describe, expect, it } from "vitest";
import { describeMappingOutcome, refusingOutcomes } from "./describe-mapping-outcome";
import { evaluateMappings } from "./mappings";
import type { Mapping } from "./provider-config";

const m = (path: string, mode: Mapping["mode"], field: Mapping["field"]) => ({ path, mode, field }) as Mapping;
const shown = (claims: Record<string, unknown>, mappings: Mapping[]) =>
  evaluateMappings({ claims, resources: [] }, { jwt: { mappings }, resourceUris: [] }, null).map((o) => ({
    ...o,
    mode: o.mapping.mode,
    field: o.mapping.field,
  }));

describe("describeMappingOutcome (Test connection and preview: no recipient)", () => {
  const outcomes = shown({ email: "a@example.com", given_name: "Alice", phone: "12" }, [
    m("email", "validate", "email"),
    m("country", "validate", "countryOfResidence"),
    m("given_name", "update", "firstName"),
    m("family_name", "update", "lastName"),
    m("phone", "update", "phone"),
  ]);
  const texts = outcomes.map((o) => describeMappingOutcome(o));

  it("says what each mapping would do, in a person's words", () => {
    expect(texts.map((t) => t.text)).toEqual([
      'Passes for a recipient whose email address is "a@example.com", would refuse anyone else',
      "Would refuse people: no value at country",
      'Would set First name to "Alice"',
      "Skipped, nothing changes: no value at family_name",
      expect.stringMatching(/^Would refuse people: the value at phone .*international/),
    ]);
  });

  it("counts the Validate that finds nothing and the Update that cannot be written as refusing", () => {
    expect(refusingOutcomes(outcomes).map((o) => o.mapping.path)).toEqual(["country", "phone"]);
  });

  it("reads a report kept before `would` existed from its reason", () => {
    expect(
      describeMappingOutcome({
        mode: "validate",
        field: "email",
        found: false,
        value: undefined,
        outcome: "shown",
        reason: "no value at email: a Validate mapping would fail, an Update mapping is skipped",
      }),
    ).toEqual({ text: "Would refuse people: no value at email", tone: "warn" });
  });

  it("names a real flow's outcomes: passed, refused, set, skipped", () => {
    const base = { mode: "validate" as const, field: "firstName" as const, found: true, value: "Al" };
    expect(describeMappingOutcome({ ...base, outcome: "valid" }).text).toBe(
      "Passes: matches the recipient's first name",
    );
    expect(describeMappingOutcome({ ...base, outcome: "invalid", reason: "x" })).toEqual({
      text: "Refused: x",
      tone: "warn",
    });
    expect(describeMappingOutcome({ ...base, mode: "update", outcome: "update" }).text).toBe('Sets First name to "Al"');
  });
});
