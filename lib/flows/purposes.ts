import type { ProviderCtx } from "@/lib/identity-providers/context";
import type { FlowOutcome } from "@/lib/oauth/run-flow";
import type { MappingContext } from "@/lib/oauth/types";
import type { ConsumedTransaction } from "./consume-transaction";
import { FLOW_PURPOSES, type FlowPurpose } from "./start-flow";

// The callback dispatches to the purpose its transaction was started for. Each purpose lives in
// its own domain (test here, binding and login in bindings/, signer in envelopes/) and imports
// flows/, so flows/ cannot import them: they are registered here at start by
// lib/wiring/register-purposes.ts, which every entry that runs a callback imports.

/**
 * Where the browser goes next (a path of the app); `signIn`: the completion made this server-side
 * session for this user, and the callback's response signs the browser into it (the login purpose).
 */
export type FlowCompletionResult = { redirectTo: string; signIn?: { userId: string; sessionId: string } };

/** What a purpose does with the engine's outcome; returns where the browser goes next (and whom it signs in). */
export type FlowCompletion = (
  ctx: ProviderCtx,
  consumed: ConsumedTransaction,
  outcome: FlowOutcome,
) => Promise<string | FlowCompletionResult>;

export type PurposeHandler = {
  complete: FlowCompletion;
  /** The expected values Validate mappings compare with; none (or null) = Test connection's "show" mode. */
  mappingContext?: (db: ProviderCtx["db"], consumed: ConsumedTransaction) => Promise<MappingContext | null>;
};

const handlers = new Map<FlowPurpose, PurposeHandler>();

export function registerPurpose(purpose: FlowPurpose, handler: PurposeHandler): void {
  handlers.set(purpose, handler);
}

export const isFlowPurpose = (value: string): value is FlowPurpose =>
  (FLOW_PURPOSES as readonly string[]).includes(value);

/** A purpose nobody registered is a wiring mistake of this entry, never a reason to send the browser anywhere: it throws. */
export function purposeHandler(purpose: FlowPurpose): PurposeHandler {
  const handler = handlers.get(purpose);
  if (!handler)
    throw new Error(
      `No handler is registered for the flow purpose '${purpose}': import @/lib/wiring/register-purposes in this entry`,
    );
  return handler;
}
