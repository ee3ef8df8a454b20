import type { AssignmentJson } from "./list-assignments";

// What "Add provider" may offer: a provider this user already has an open invitation for
// (invited, or expired and waiting for Resend) or is bound through cannot be added again
// (invite-user.ts answers 409); one whose assignment was removed (invalidated) can.
const BLOCKING: AssignmentJson["state"][] = ["invited", "expired", "bound"];

/** The providers that can still be added to this user, in the order given. */
export function addableProviders<P extends { id: string }>(
  providers: P[],
  assignments: Pick<AssignmentJson, "providerId" | "state">[],
): P[] {
  const taken = new Set(assignments.filter((a) => BLOCKING.includes(a.state)).map((a) => a.providerId));
  return providers.filter((p) => !taken.has(p.id));
}
