import { describe, expect, it } from "vitest";
import type { AuditEventRow } from "@/db/schema";
import { actorLabelFor, shownActor } from "./actor-label";
import { toCsvLine, toEventJson } from "./export";

const user = { kind: "user" as const, userId: "u1", email: "sender@example.test" };

describe("who an event names as its actor", () => {
  it("the System for the events it makes, whoever's request caused them", () => {
    for (const action of ["EnvelopeCompleted", "EnvelopeExpired", "AssignmentBound"] as const) {
      expect(actorLabelFor(action, { kind: "anonymous" }, undefined)).toBe("System");
      expect(actorLabelFor(action, user, "Bob Signer")).toBe("System");
    }
    expect(actorLabelFor("BackchannelLogout", { kind: "system" }, undefined)).toBe("System");
  });

  it("the person (or the label the caller gives) for everything else", () => {
    expect(actorLabelFor("EnvelopeSent", user, undefined)).toBe("sender@example.test");
    expect(actorLabelFor("WorkstepFinished", { kind: "anonymous" }, "Bob Signer")).toBe("Bob Signer");
    expect(actorLabelFor("LoginFailed", { kind: "anonymous" }, undefined)).toBe("anonymous");
  });

  it("rows written before the rule read System in the table, the JSON and the CSV", () => {
    const row = (action: string, actorLabel: string) =>
      ({
        id: 1,
        seq: 1,
        stream: "org",
        at: new Date("2026-12-02T13:44:05Z"),
        action,
        description: "d",
        actorLabel,
        ip: null,
        geolocation: null,
        data: {},
        hash: "h",
        prevHash: "p",
      }) as unknown as AuditEventRow;
    expect(shownActor(row("EnvelopeCompleted", "anonymous"))).toBe("System");
    expect(shownActor(row("AssignmentBound", "anonymous"))).toBe("System");
    expect(shownActor(row("BackchannelLogout", "system"))).toBe("System");
    expect(shownActor(row("WorkstepFinished", "Bob Signer"))).toBe("Bob Signer");
    expect(toEventJson(row("EnvelopeCompleted", "anonymous")).actor).toBe("System");
    expect(toCsvLine(row("EnvelopeCompleted", "anonymous"))).toContain('"System"');
  });
});
