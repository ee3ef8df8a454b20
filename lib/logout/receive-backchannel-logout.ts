import { lt, sql } from "drizzle-orm";
import { logoutTokenJtis } from "@/db/schema";
import { emitAudit } from "@/lib/audit/emit-audit";
import { endLiveSessions } from "@/lib/sessions/sessions";
import { processJwksCache } from "@/lib/flows/handle-callback";
import type { ProviderCtx } from "@/lib/identity-providers/context";
import { findProviderRow } from "@/lib/identity-providers/get-provider";
import { MAX_IAT_AGE_SECONDS } from "@/lib/oauth/id-token";
import { LogoutTokenError, verifyLogoutToken, type ValidLogoutToken } from "@/lib/oauth/logout-token";
import { auditRefusal, flushRefusals } from "./refusal-audit";

export type BackchannelResult = { ok: true; count: number } | { ok: false; reason: string };

class Replayed extends Error {}

/**
 * OpenID Connect Back-Channel Logout 1.0 at /oauth/backchannel-logout/<provider id>: the
 * provider's server names an identity (sub) and/or one of its sessions (sid) in a signed logout
 * token; exactly the app sessions that came from that provider for that identity (or sid) end.
 * The token's jti is recorded in the same transaction, so a replay is refused by every instance;
 * a refused token changes nothing but the audit trail (capped per provider: lib/logout/refusal-audit.ts).
 */
export async function receiveBackchannelLogout(
  ctx: ProviderCtx,
  input: { providerId: string; logoutToken: string },
): Promise<BackchannelResult> {
  const provider = await findProviderRow(ctx.db, input.providerId);
  if (!provider) return { ok: false, reason: "unknown provider" };
  const audit = { ...ctx, actor: { kind: "system" as const } };
  // Audited within a per-provider cap: the provider id is public, the trail must not be floodable.
  const refuse = async (reason: string): Promise<BackchannelResult> => {
    await auditRefusal(ctx.db, ctx, provider, reason);
    return { ok: false, reason };
  };
  if (!provider.jwt)
    return refuse("the provider has no JWT configuration (JWKS URI and issuer) to verify logout tokens with");

  let token: ValidLogoutToken;
  try {
    token = await verifyLogoutToken(input.logoutToken, provider.jwt, {
      clientId: provider.clientId,
      jwks: processJwksCache(ctx.config.trustedHosts),
    });
  } catch (err) {
    if (err instanceof LogoutTokenError) return refuse(err.reason.slice(0, 1000));
    throw err;
  }

  try {
    const count = await ctx.db.transaction(async (tx) => {
      await tx.delete(logoutTokenJtis).where(lt(logoutTokenJtis.expiresAt, sql`now()`));
      // Kept until the token would fail the lifetime checks anyway.
      const skew = provider.jwt!.clockSkewSeconds;
      const keepUntilSec = Math.min(token.exp, token.iat + MAX_IAT_AGE_SECONDS) + skew + 60;
      const fresh = await tx
        .insert(logoutTokenJtis)
        .values({ providerId: provider.id, jti: token.jti.slice(0, 500), expiresAt: new Date(keepUntilSec * 1000) })
        .onConflictDoNothing()
        .returning({ jti: logoutTokenJtis.jti });
      if (fresh.length === 0) throw new Replayed();
      const ended = await endLiveSessions(tx, {
        providerId: provider.id,
        idpSid: token.sid || undefined,
        idpSubject: token.sub || undefined,
      });
      await flushRefusals(tx, provider);
      await emitAudit(tx, audit, {
        action: "BackchannelLogout",
        providerId: provider.id,
        actorLabel: `provider ${provider.name}`,
        data: { providerName: provider.name, subject: token.sub, sidGiven: token.sid !== null, count: ended.length },
      });
      return ended.length;
    });
    return { ok: true, count };
  } catch (err) {
    if (err instanceof Replayed) return refuse("the logout token's jti was already used (replayed token)");
    throw err;
  }
}
