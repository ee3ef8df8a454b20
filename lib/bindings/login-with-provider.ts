import { and, eq, sql } from "drizzle-orm";
import { identityProviders, oauthAssignments, oauthTransactions, users } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { emitAudit } from "@/lib/audit/emit-audit";
import { createSession } from "@/lib/sessions/sessions";
import type { Ctx } from "@/lib/context";
import { tryOpen } from "@/lib/crypto/secret-box";

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

/** The provider identity a login flow hands to its session; the ID token sealed to the transaction. */
export type LoginIdentity = { subject: string | null; sid: string | null; idTokenSealed: string | null };
export type LoginGrant = { userId: string; providerId: string; providerName: string; idp?: LoginIdentity };

export const loginIdTokenAad = (transactionId: string) => `oauth-tx-id-token:${transactionId}`;

export type RedeemCtx = Pick<Ctx, "db" | "ip" | "userAgent"> & {
  keys: { encryptionKey: Buffer; encryptionKeys: Buffer[] };
};

/**
 * Hands a completed login flow to next-auth: the transaction (already consumed by the callback)
 * is redeemed once, from the browser that started it, into a new server-side session.
 */
export async function redeemLogin(ctx: RedeemCtx, input: { transactionId: string; browserHash: string }) {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(oauthTransactions)
      .set({ result: sql`${oauthTransactions.result} || '{"redeemed": true}'::jsonb` })
      .where(
        and(
          eq(oauthTransactions.id, input.transactionId),
          eq(oauthTransactions.purpose, "login"),
          eq(oauthTransactions.browserHash, input.browserHash),
          sql`${oauthTransactions.result} ->> 'redeemed' is null`,
          sql`${oauthTransactions.result} ? 'userId'`,
          sql`${oauthTransactions.usedAt} > now() - interval '2 minutes'`,
        ),
      )
      .returning({ result: oauthTransactions.result });
    if (!row) return null;
    const grant = row.result as unknown as LoginGrant;
    // The sealed ID token moves to the session; the transaction keeps no copy.
    await tx
      .update(oauthTransactions)
      .set({ result: sql`${oauthTransactions.result} - 'idp'` })
      .where(eq(oauthTransactions.id, input.transactionId));
    const [user] = await tx
      .select()
      .from(users)
      .where(and(eq(users.id, grant.userId), eq(users.enabled, true)));
    if (!user) return null;
    // Disabled between the callback and this redemption: no session from it. The share lock orders this
    // against a concurrent disable, which then ends the session made here along with the others.
    const [provider] = await tx
      .select({ id: identityProviders.id })
      .from(identityProviders)
      .where(
        and(
          eq(identityProviders.id, grant.providerId),
          eq(identityProviders.enabled, true),
          eq(identityProviders.usedForUserAuthentication, true),
        ),
      )
      .for("share");
    if (!provider) return null;
    const idp = grant.idp;
    // A value that will not open (a key rotated away) costs the logout hint, not the login.
    const idToken = idp?.idTokenSealed
      ? tryOpen(idp.idTokenSealed, ctx.keys.encryptionKeys, loginIdTokenAad(input.transactionId))
      : null;
    const sessionId = await createSession(tx, {
      userId: user.id,
      method: "oauth",
      providerId: grant.providerId,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      identity: idp
        ? { subject: idp.subject, sid: idp.sid, idToken, encryptionKey: ctx.keys.encryptionKey }
        : undefined,
    });
    await emitAudit(
      tx,
      { actor: { kind: "user", userId: user.id, email: user.email }, ip: ctx.ip },
      {
        action: "LoginSucceeded",
        providerId: grant.providerId,
        data: { userId: user.id, email: user.email, method: "oauth", providerName: grant.providerName },
      },
    );
    return { userId: user.id, email: user.email, name: `${user.firstName} ${user.lastName}`.trim(), sessionId };
  });
}
