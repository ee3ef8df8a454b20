import { randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { appSessions, logoutRequests, users } from "@/db/schema";
import type { Tx } from "@/db/client";
import { emitAudit } from "@/lib/audit/emit-audit";
import { ENDED_SESSION, sessionIdTokenAad } from "@/lib/sessions/sessions";
import { tryOpen } from "@/lib/crypto/secret-box";
import { sha256 } from "@/lib/flows/start-flow";
import type { ProviderCtx } from "@/lib/identity-providers/context";
import { findProviderRow } from "@/lib/identity-providers/get-provider";
import { postLogoutRedirectUriOf } from "@/lib/identity-providers/provider-json";
import { endSessionEndpointOf } from "./end-session-endpoint";

export const LOGOUT_REQUEST_TTL_MS = 10 * 60 * 1000;

/** Where the browser goes: the provider's end-session endpoint, or the login page with a notice. */
export type BeganLogout = { redirectTo: string; atProvider: boolean };

/**
 * Sign-out (OpenID Connect RP-Initiated Logout 1.0). The session row is revoked first, so the
 * session is over whatever the provider does. A session that came from a provider with an
 * end-session endpoint then goes there with id_token_hint (the ID token kept sealed with the
 * session), client_id, the fixed post_logout_redirect_uri and a single-use state bound to this
 * browser (`browserToken`, the httpOnly flow cookie). Otherwise the sign-out is local only.
 */
export async function beginLogout(
  ctx: ProviderCtx,
  input: { userId: string; sessionRef: string | null; browserToken: string },
): Promise<BeganLogout> {
  return ctx.db.transaction(async (tx) => {
    const [ended] = input.sessionRef
      ? await tx
          .select({
            publicId: appSessions.publicId,
            method: appSessions.method,
            providerId: appSessions.providerId,
            idTokenSealed: appSessions.idTokenSealed,
          })
          .from(appSessions)
          .where(
            and(
              eq(appSessions.publicId, input.sessionRef),
              eq(appSessions.userId, input.userId),
              isNull(appSessions.revokedAt),
            ),
          )
          .for("update")
      : [];
    if (!ended) return { redirectTo: "/login?signedOut=1", atProvider: false };
    await tx.update(appSessions).set(ENDED_SESSION).where(eq(appSessions.publicId, ended.publicId));
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, input.userId));
    const provider = ended.method === "oauth" && ended.providerId ? await findProviderRow(tx, ended.providerId) : null;
    const endpoint = provider ? endSessionEndpointOf(provider) : null;
    const audit = (atProvider: boolean) =>
      emitAudit(
        tx,
        { ...ctx, actor: { kind: "user", userId: input.userId, email: user?.email ?? "" } },
        {
          action: "LogoutSucceeded",
          providerId: provider?.id,
          data: {
            userId: input.userId,
            email: user?.email ?? "",
            method: ended.method === "oauth" ? "oauth" : "password",
            providerName: provider?.name,
            atProvider,
          },
        },
      );
    if (!provider || !endpoint) {
      await audit(false);
      return { redirectTo: provider ? "/login?signedOut=local" : "/login?signedOut=1", atProvider: false };
    }
    const url = await endSessionUrl(tx, ctx, {
      endpoint,
      providerId: provider.id,
      clientId: provider.clientId,
      userId: input.userId,
      browserToken: input.browserToken,
      idTokenSealed: ended.idTokenSealed,
      sessionRef: ended.publicId,
    });
    await audit(true);
    return { redirectTo: url, atProvider: true };
  });
}

type EndSessionInput = {
  endpoint: string;
  providerId: string;
  clientId: string;
  userId: string;
  browserToken: string;
  idTokenSealed: string | null;
  sessionRef: string;
};

async function endSessionUrl(tx: Tx, ctx: ProviderCtx, input: EndSessionInput): Promise<string> {
  const state = randomBytes(32).toString("base64url");
  await tx.insert(logoutRequests).values({
    stateHash: sha256(state),
    browserHash: sha256(input.browserToken),
    providerId: input.providerId,
    userId: input.userId,
    expiresAt: new Date(Date.now() + LOGOUT_REQUEST_TTL_MS),
  });
  const url = new URL(input.endpoint);
  // A hint that will not open (a key rotated away) is left out: client_id still names the app.
  const idToken = input.idTokenSealed
    ? tryOpen(input.idTokenSealed, ctx.config.encryptionKeys, sessionIdTokenAad(input.sessionRef))
    : null;
  if (idToken) url.searchParams.set("id_token_hint", idToken);
  url.searchParams.set("client_id", input.clientId);
  url.searchParams.set("post_logout_redirect_uri", postLogoutRedirectUriOf(ctx.config.appUrl));
  url.searchParams.set("state", state);
  return url.toString();
}
