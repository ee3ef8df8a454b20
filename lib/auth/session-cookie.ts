// The session cookie next-auth reads (auth()), written by the app where a sign-in completes outside
// next-auth: the Logon URL's callback. One definition of its name, attributes and claims, used by
// next-auth's configuration (./next-auth.ts) too, so both always agree.
import { decode, encode } from "next-auth/jwt";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/sessions/sessions";

/** A cookie for a response to set: name, value and the attributes it is set with. */
export type ResponseCookie = {
  name: string;
  value: string;
  options: { httpOnly: boolean; sameSite: "lax"; path: string; secure: boolean; expires: Date };
};

const secure = (appUrl: string) => appUrl.startsWith("https://");

/** next-auth's own session cookie: `__Secure-` prefixed and Secure when the app is served over https. */
export const sessionCookie = (appUrl: string) => ({
  name: `${secure(appUrl) ? "__Secure-" : ""}authjs.session-token`,
  options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure: secure(appUrl) },
});

/** The claims a session's JWT carries: the user and the server-side session row it names (never more). */
export const sessionClaims = (userId: string, sessionId: string) => ({ sub: userId, sid: sessionId });

/**
 * The cookie next-auth itself would set when signing in `userId` into the session row `sessionId`:
 * the same encrypted JWT (its encode, the AUTH_SECRET, the cookie name as salt, the session's max
 * age) and the same attributes.
 */
export async function issueSessionCookie(
  config: { appUrl: string; authSecret: string },
  session: { userId: string; sessionId: string },
): Promise<ResponseCookie> {
  const { name, options } = sessionCookie(config.appUrl);
  const value = await encode({
    token: sessionClaims(session.userId, session.sessionId),
    secret: config.authSecret,
    salt: name,
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  return { name, value, options: { ...options, expires: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) } };
}

/**
 * Whom a session cookie names, or null: next-auth's own decode (the AUTH_SECRET, the cookie name as
 * salt, the expiry), so a cookie next-auth would refuse (another secret, expired, altered) opens
 * nothing here either. The session row still decides (findLiveSession): the cookie only names it.
 */
export async function openSessionCookie(
  config: { appUrl: string; authSecret: string },
  value: string,
): Promise<{ userId: string; sessionId: string } | null> {
  try {
    const token = await decode({ token: value, secret: config.authSecret, salt: sessionCookie(config.appUrl).name });
    return typeof token?.sub === "string" && typeof token.sid === "string"
      ? { userId: token.sub, sessionId: token.sid }
      : null;
  } catch {
    return null;
  }
}
