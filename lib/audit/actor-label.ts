import type { Actor } from "@/lib/context";
import type { AuditAction } from "./events";

// Who an event names as its actor (the trail's Signer/Actor column, the JSON's `actor`).
// Events the application makes by itself are the System's, whoever's request happened to
// cause them: the last signature completes the envelope, but the signer did not "complete" it;
// a callback binds an identity, but the browser that brought it is nobody the trail knows.

export const SYSTEM = "System";

/** Events the system makes, never a person (issue 16: they showed "anonymous" or the last signer). */
export const SYSTEM_MADE: ReadonlySet<AuditAction> = new Set<AuditAction>([
  "EnvelopeCompleted",
  "EnvelopeExpired",
  "AssignmentBound",
]);

/** The label written with a new event: the System for its own events, else the caller's. */
export function actorLabelFor(action: AuditAction, actor: Actor, given: string | undefined): string {
  if (SYSTEM_MADE.has(action)) return SYSTEM;
  if (given !== undefined) return given;
  if (actor.kind === "user") return actor.email;
  return actor.kind === "system" ? SYSTEM : actor.kind;
}

/** The label shown for a stored event: rows written before this rule said "anonymous" or "system". */
export function shownActor(row: { action: string; actorLabel: string }): string {
  if (SYSTEM_MADE.has(row.action as AuditAction) || row.actorLabel === "system") return SYSTEM;
  return row.actorLabel;
}
