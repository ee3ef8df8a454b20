import { eq } from "drizzle-orm";
import { identityProviders } from "@/db/schema";
import { emitAudit } from "@/lib/audit/emit-audit";
import type { PurposeHandler } from "@/lib/flows/purposes";
import { bindIdentity } from "./bind-identity";

/** Binding: the invited assignment the flow was started for becomes bound to the identity. */
export const bindingPurpose: PurposeHandler = {
  complete: async (ctx, consumed, outcome) => {
    const assignmentId = consumed.row.subjectRef ?? "";
    const [provider] = await ctx.db
      .select({ name: identityProviders.name })
      .from(identityProviders)
      .where(eq(identityProviders.id, consumed.row.providerId));
    if (!outcome.ok) {
      await emitAudit(ctx.db, ctx, {
        action: "AssignmentBindingFailed",
        providerId: consumed.row.providerId,
        data: { providerName: provider?.name ?? "", step: outcome.error.step, reason: outcome.error.reason },
      });
      return "/bind/result?status=failed";
    }
    const result = await bindIdentity(ctx, {
      assignmentId,
      providerId: consumed.row.providerId,
      subject: outcome.subject,
    });
    if (!result.ok) {
      await emitAudit(ctx.db, ctx, {
        action: "AssignmentBindingFailed",
        providerId: consumed.row.providerId,
        data: {
          providerName: provider?.name ?? "",
          step: "subject",
          reason:
            result.reason === "identity_taken"
              ? "this identity is already bound to another account"
              : "the link was used, replaced or removed",
        },
      });
    }
    return `/bind/result?status=${result.ok ? "bound" : result.reason}`;
  },
};
