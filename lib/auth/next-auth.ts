// Next adapter: next-auth wired to our server-side session rows (see lib/sessions/sessions.ts).
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/lib/database";
import { getConfig } from "@/lib/config";
import { requestMeta } from "./request-meta";
import { safeRedirectUrl } from "@/lib/net/safe-return";
import { ZLoginInput } from "./schema";
import { findLiveSession, revokeSession, SESSION_MAX_AGE_SECONDS } from "@/lib/sessions/sessions";
import { sessionClaims, sessionCookie } from "./session-cookie";
import { signInWithPassword } from "./sign-in-with-password";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string };
    /** The session row's public handle (not its secret id): sign-out and "this session" use it. */
    sessionRef?: string;
  }
  interface User {
    sessionId?: string;
  }
}

/** The reason travels as the error code; the login page turns it into words. */
export class LoginRefused extends CredentialsSignin {
  constructor(code: "invalid" | "throttled" | "password_not_allowed") {
    super();
    this.code = code;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: getConfig().authSecret,
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  // The name and attributes the Logon URL's callback sets the same cookie with (./session-cookie.ts).
  cookies: { sessionToken: sessionCookie(getConfig().appUrl) },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    Credentials({
      id: "password",
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const input = ZLoginInput.safeParse(raw);
        if (!input.success) throw new LoginRefused("invalid");
        const db = await getDb();
        const meta = requestMeta(request.headers);
        const result = await signInWithPassword({ db, actor: { kind: "anonymous" }, ...meta }, input.data);
        if (!result.ok) throw new LoginRefused(result.reason);
        return { id: result.userId, email: result.email, name: result.name, sessionId: result.sessionId };
      },
    }),
  ],
  callbacks: {
    // Every redirectTo / callbackUrl next-auth follows (sign-in, sign-out, its own pages) is a path of
    // APP_URL's origin; not baseUrl, which trustHost derives from the request's (forgeable) Host headers.
    redirect({ url }) {
      return safeRedirectUrl(url, getConfig().appUrl);
    },
    async jwt({ token, user }) {
      if (user?.sessionId && user.id) return sessionClaims(user.id, user.sessionId);
      if (typeof token.sid !== "string") return null;
      const live = await findLiveSession(await getDb(), token.sid);
      if (!live) return null;
      return { ...token, email: live.email, name: `${live.firstName} ${live.lastName}`.trim(), ref: live.sessionRef };
    },
    session({ session, token }) {
      session.user = { ...session.user, id: token.sub ?? "", email: token.email ?? "", name: token.name ?? "" };
      if (typeof token.ref === "string") session.sessionRef = token.ref;
      return session;
    },
  },
  events: {
    async signOut(message) {
      if ("token" in message && typeof message.token?.sid === "string")
        await revokeSession(await getDb(), message.token.sid);
    },
  },
  logger: {
    error(error) {
      // A refused sign-in is an expected answer, not a server error.
      if (error instanceof CredentialsSignin || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error("[auth]", error.name, error.message);
    },
  },
}));
