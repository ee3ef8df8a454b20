import { describe, expect, it } from "vitest";
import { FLOW_PURPOSES } from "./start-flow";
import { isFlowPurpose, purposeHandler, registerPurpose, type PurposeHandler } from "./purposes";

// This file does not import lib/wiring/register-purposes.ts: its registry starts empty.
describe("the registry of flow purposes", () => {
  it("a purpose nobody registered throws, naming the purpose", () => {
    for (const purpose of FLOW_PURPOSES)
      expect(() => purposeHandler(purpose)).toThrow(
        `No handler is registered for the flow purpose '${purpose}': import @/lib/wiring/register-purposes in this entry`,
      );
  });

  it("a registered purpose gets its own handler", () => {
    const handler: PurposeHandler = { complete: async () => "/done" };
    registerPurpose("test", handler);
    expect(purposeHandler("test")).toBe(handler);
    expect(() => purposeHandler("login")).toThrow(/'login'/);
  });

  it("a transaction's purpose is one of the known ones, or none", () => {
    expect(FLOW_PURPOSES.every(isFlowPurpose)).toBe(true);
    expect(isFlowPurpose("logout")).toBe(false);
    expect(isFlowPurpose("toString")).toBe(false);
  });
});
