// The peer: Auth.js (next-auth, the version the app depends on) signing in through the bench's
// test OpenID Provider with its documented OIDC provider settings: discovery from the issuer,
// client_secret_basic, PKCE and state, a JWT session cookie (no database).
import NextAuth from "next-auth";

export const { handlers, auth } = NextAuth({
  providers: [
    {
      id: "oidc",
      name: "Bench IdP",
      type: "oidc",
      issuer: process.env.PEER_IDP_ISSUER,
      clientId: process.env.PEER_CLIENT_ID,
      clientSecret: process.env.PEER_CLIENT_SECRET,
      checks: ["pkce", "state"],
    },
  ],
  session: { strategy: "jwt" },
  trustHost: true,
});
