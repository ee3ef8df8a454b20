import { redactSecrets } from "@/lib/audit/redact";
import type { ProviderCtx } from "@/lib/identity-providers/context";
import type { FlowOutcome } from "@/lib/oauth/run-flow";
import { saveTransactionResult, type ConsumedTransaction } from "./consume-transaction";
import type { FlowPurpose } from "./start-flow";

/** What a purpose does with the engine's outcome; returns where the browser goes next (a path of the app). */
export type FlowCompletion = (ctx: ProviderCtx, consumed: ConsumedTransaction, outcome: FlowOutcome) => Promise<string>;

/** Test connection: the report (steps, no tokens) is kept on the transaction for the report page. */
const completeTest: FlowCompletion = async (ctx, consumed, outcome) => {
  await saveTransactionResult(ctx.db, consumed.row.id, {
    ok: outcome.ok,
    report: redactSecrets(outcome.report),
    ...(outcome.ok ? {} : { error: { step: outcome.error.step, reason: outcome.error.reason, hint: outcome.error.hint ?? null } }),
  });
  return `/settings/identity-providers/${consumed.row.providerId}/test/${consumed.row.id}`;
};

// The signer, binding and login purposes register here as they are built.
export const COMPLETIONS: Partial<Record<FlowPurpose, FlowCompletion>> = { test: completeTest };
