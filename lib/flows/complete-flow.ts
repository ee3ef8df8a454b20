import { eq } from "drizzle-orm";
import { identityProviders } from "@/db/schema";
import { emitAudit } from "@/lib/audit/emit-audit";
import { redactSecrets } from "@/lib/audit/redact";
import { bindIdentity } from "@/lib/bindings/bind-identity";
import { findBoundUser, loginIdTokenAad, type LoginIdentity } from "@/lib/bindings/login-with-provider";
import { seal } from "@/lib/crypto/secret-box";
import type { ProviderCtx } from "@/lib/identity-providers/context";
import { completeSigner, signerMappingContext } from "@/lib/envelopes/complete-signer";
import type { FlowOutcome } from "@/lib/oauth/run-flow";
import type { MappingContext } from "@/lib/oauth/types";
import { saveTransactionResult, type ConsumedTransaction } from "./consume-transaction";
import type { FlowPurpose } from "./start-flow";

/** What a purpose does with the engine's outcome; returns where the browser goes next (a path of the app). */
export type FlowCompletion = (ctx: ProviderCtx, consumed: ConsumedTransaction, outcome: FlowOutcome) => Promise<string>;

/** Test connection: the report (steps, no tokens) is kept on the transaction for the report page. */
const completeTest: FlowCompletion = async (ctx, consumed, outcome) => {
  await saveTransactionResult(ctx.db, consumed.row.id, {
    ok: outcome.ok,
    report: redactSecrets(outcome.report),
    ...(outcome.ok
      ? {}
      : { error: { step: outcome.error.step, reason: outcome.error.reason, hint: outcome.error.hint ?? null } }),
  });
  return `/settings/identity-providers/${consumed.row.providerId}/test/${consumed.row.id}`;
};

/** Binding: the invited assignment the flow was started for becomes bound to the identity. */
const completeBinding: FlowCompletion = async (ctx, consumed, outcome) => {
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
};

/**
 * What the session will need for logout: the ID token's sub and sid (back-channel logout names
 * them) and the ID token itself for id_token_hint, sealed to this transaction until the session
 * takes it over (lib/bindings/login-with-provider.ts).
 */
function loginIdentity(
  ctx: ProviderCtx,
  transactionId: string,
  outcome: Extract<FlowOutcome, { ok: true }>,
): LoginIdentity {
  const claim = (name: string) =>
    typeof outcome.claims?.[name] === "string" ? (outcome.claims[name] as string) : null;
  return {
    subject: claim("sub"),
    sid: claim("sid"),
    idTokenSealed: outcome.idToken
      ? seal(outcome.idToken, ctx.config.encryptionKey, loginIdTokenAad(transactionId))
      : null,
  };
}

/** Login: a bound, enabled user gets a session (redeemed by /oauth/login-complete); anyone else a refusal that reveals nothing. */
const completeLogin: FlowCompletion = async (ctx, consumed, outcome) => {
  const providerId = consumed.row.providerId;
  const [provider] = await ctx.db
    .select({ name: identityProviders.name })
    .from(identityProviders)
    .where(eq(identityProviders.id, providerId));
  const user = outcome.ok ? await findBoundUser(ctx.db, providerId, outcome.subject) : null;
  if (!outcome.ok || !user) {
    const reason = outcome.ok
      ? `identity '${outcome.subject}' is not bound to an enabled account`
      : `${outcome.error.step}: ${outcome.error.reason}`;
    await emitAudit(ctx.db, ctx, {
      action: "LoginFailed",
      providerId,
      data: { method: "oauth", providerName: provider?.name ?? "", reason },
    });
    return `/login?error=${outcome.ok ? "oauth_unknown" : "oauth_failed"}`;
  }
  await saveTransactionResult(ctx.db, consumed.row.id, {
    userId: user.id,
    providerId,
    providerName: provider?.name ?? "",
    idp: loginIdentity(ctx, consumed.row.id, outcome),
  });
  return `/oauth/login-complete?tx=${consumed.row.id}`;
};

export const COMPLETIONS: Partial<Record<FlowPurpose, FlowCompletion>> = {
  test: completeTest,
  binding: completeBinding,
  login: completeLogin,
  signer: completeSigner,
};

/** The expected values Validate mappings compare with, per purpose; none (null) = Test connection's "show" mode. */
export const MAPPING_CONTEXTS: Partial<
  Record<FlowPurpose, (db: ProviderCtx["db"], consumed: ConsumedTransaction) => Promise<MappingContext | null>>
> = { signer: signerMappingContext };
