import { redactSecrets } from "@/lib/audit/redact";
import { saveTransactionResult } from "./consume-transaction";
import type { PurposeHandler } from "./purposes";

/** Test connection: the report (steps, no tokens) is kept on the transaction for the report page. */
export const testPurpose: PurposeHandler = {
  complete: async (ctx, consumed, outcome) => {
    await saveTransactionResult(ctx.db, consumed.row.id, {
      ok: outcome.ok,
      report: redactSecrets(outcome.report),
      ...(outcome.ok
        ? {}
        : { error: { step: outcome.error.step, reason: outcome.error.reason, hint: outcome.error.hint ?? null } }),
    });
    return `/settings/identity-providers/${consumed.row.providerId}/test/${consumed.row.id}`;
  },
};
