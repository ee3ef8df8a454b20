import { describe, expect, it } from "vitest";
import { HOSTILE_KEYS } from "@/lib/testing/hostile-json";
import { ownEntry } from "./own-entry";

const MESSAGES = { bound: "Connected", failed: "Did not succeed" } as const;

describe("ownEntry", () => {
  it("finds a map's own entries", () => {
    expect(ownEntry(MESSAGES, "bound", MESSAGES.failed)).toBe("Connected");
  });

  it.each([...HOSTILE_KEYS, "valueOf", "isPrototypeOf", "__defineGetter__"])(
    "a prototype or odd name %j is the fallback",
    (key) => {
      expect(ownEntry(MESSAGES, key, MESSAGES.failed)).toBe("Did not succeed");
    },
  );

  it.each([undefined, null, ["bound"], ["bound", "failed"], 1, {}])(
    "a value that is not one string (%j) is the fallback",
    (key) => {
      expect(ownEntry(MESSAGES, key, "fallback")).toBe("fallback");
    },
  );
});
