import { eq } from "drizzle-orm";
import { identityProviders } from "@/db/schema";
import { emitAudit } from "@/lib/audit/emit-audit";
import { seal } from "@/lib/crypto/secret-box";
import { saveTransactionResult } from "@/lib/flows/consume-transaction";
import type { PurposeHandler } from "@/lib/flows/purposes";
import type { ProviderCtx } from "@/lib/identity-providers/context";
import type { FlowOutcome } from "@/lib/oauth/run-flow";
import { findBoundUser, loginIdTokenAad, type LoginIdentity } from "./login-with-provider";

/**
 * What the session will need for logout: the ID token's sub and sid (back-channel logout names
 * them) and the ID token itself for id_token_hint, sealed to this transaction until the session
 * takes it over (./login-with-provider.ts).
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
export const loginPurpose: PurposeHandler = {
  complete: async (ctx, consumed, outcome) => {
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
  },
};
