import { and, eq } from "drizzle-orm";
import { identityProviders, oauthAssignments, users } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { emitAudit } from "@/lib/audit/emit-audit";
import type { ProviderCtx } from "@/lib/identity-providers/context";
import { PROVIDER_DISABLED_REASON } from "@/lib/flows/handle-callback";
import type { FlowOutcome } from "@/lib/oauth/run-flow";
import { createSession } from "@/lib/sessions/sessions";

/** The enabled user bound to (provider, subject), if any: identities are keyed by subject, never by email. */
export async function findBoundUser(db: Db | Tx, providerId: string, subject: string) {
  const [row] = await db
    .select({ id: users.id, email: users.email, firstName: users.firstName, lastName: users.lastName })
    .from(oauthAssignments)
    .innerJoin(users, eq(users.id, oauthAssignments.userId))
    .where(
      and(
        eq(oauthAssignments.providerId, providerId),
        eq(oauthAssignments.subject, subject),
        eq(oauthAssignments.state, "bound"),
        eq(users.enabled, true),
      ),
    );
  return row ?? null;
}

export type LoginResult =
  { ok: true; userId: string; sessionId: string } | { ok: false; error: "oauth_unknown" | "oauth_failed" };

const claim = (outcome: Extract<FlowOutcome, { ok: true }>, name: string) =>
  typeof outcome.claims?.[name] === "string" ? (outcome.claims[name] as string) : null;

/**
 * A login through a provider, in one transaction with its audit row: the provider still used for
 * user authentication (its row share-locked: a concurrent disable waits for this commit and then
 * ends the session made here, or commits first and this refuses), the bound, enabled user, and a
 * new server-side session (a fresh random id at every login: no fixation) keeping what logout
 * needs: the ID token's sub and sid (back-channel logout names them) and the ID token itself,
 * sealed to the session, for id_token_hint. Anyone else gets LoginFailed and a refusal that reveals nothing.
 */
export async function loginWithProvider(
  ctx: ProviderCtx,
  input: { providerId: string; outcome: FlowOutcome },
): Promise<LoginResult> {
  const { providerId, outcome } = input;
  return ctx.db.transaction(async (tx) => {
    const [provider] = await tx
      .select({
        name: identityProviders.name,
        enabled: identityProviders.enabled,
        forUsers: identityProviders.usedForUserAuthentication,
      })
      .from(identityProviders)
      .where(eq(identityProviders.id, providerId))
      .for("share");
    const providerName = provider?.name ?? "";
    const usable = Boolean(provider?.enabled && provider.forUsers);
    const user = outcome.ok && usable ? await findBoundUser(tx, providerId, outcome.subject) : null;
    if (!outcome.ok || !user) {
      const reason = !outcome.ok
        ? `${outcome.error.step}: ${outcome.error.reason}`
        : usable
          ? `identity '${outcome.subject}' is not bound to an enabled account`
          : `callback: ${PROVIDER_DISABLED_REASON}`;
      await emitAudit(tx, ctx, { action: "LoginFailed", providerId, data: { method: "oauth", providerName, reason } });
      return { ok: false, error: outcome.ok && usable ? "oauth_unknown" : "oauth_failed" };
    }
    const sessionId = await createSession(tx, {
      userId: user.id,
      method: "oauth",
      providerId,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      identity: {
        subject: claim(outcome, "sub"),
        sid: claim(outcome, "sid"),
        idToken: outcome.idToken ?? null,
        encryptionKey: ctx.config.encryptionKey,
      },
    });
    await emitAudit(
      tx,
      { actor: { kind: "user", userId: user.id, email: user.email }, ip: ctx.ip },
      {
        action: "LoginSucceeded",
        providerId,
        data: { userId: user.id, email: user.email, method: "oauth", providerName },
      },
    );
    return { ok: true, userId: user.id, sessionId };
  });
}
