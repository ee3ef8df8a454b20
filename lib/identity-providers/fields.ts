// What the provider domain says about the engine's settings: which methods need a client secret,
// and the warnings shown and audited when a check is turned off (the settings: lib/oauth/provider-config.ts).

/** The methods that send the client secret, or an assertion keyed with it: a provider using one is incomplete without a secret. */
export const usesClientSecret = (method: string): boolean =>
  method === "client_secret_basic" || method === "client_secret_post" || method === "client_secret_jwt";

/** What an administrator opens up by turning a JWT check off; shown next to the toggle and audited. */
export const CHECK_WARNINGS = {
  addNonce: "Without a nonce, an ID token stolen from another sign-in can be replayed into this one.",
  validateAudience:
    "Without the audience check, an ID token issued to any other application of this provider is accepted here.",
  validateIssuer:
    "Without the issuer check, a token signed by another issuer that shares these keys (or a mixed-up provider) is accepted.",
  validateLifetime:
    "Without the lifetime check, expired or not-yet-valid ID tokens are accepted, so an old stolen token works forever.",
} as const;
export type JwtCheck = keyof typeof CHECK_WARNINGS;

/** What turning PKCE off opens up; shown next to the toggle and audited like a JWT check. */
export const PKCE_WARNING =
  "Without PKCE, an authorization code intercepted on its way back (a leaked redirect, a log, a browser extension) can be redeemed by whoever holds it, and a code injected into this browser's sign-in is not detected.";
