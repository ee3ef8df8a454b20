import * as oauth from "oauth4webapi";
import type { EngineProvider } from "./types";

export type FlowSecrets = { state: string; nonce: string; codeVerifier: string };

/** Fresh per flow: state, nonce and a PKCE verifier (oauth4webapi's generators, 256 bits each). */
export function createFlowSecrets(): FlowSecrets {
  return {
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
    codeVerifier: oauth.generateRandomCodeVerifier(),
  };
}

/**
 * How the provider should treat a session it already holds (OIDC Core 3.1.2.1): `prompt: "login"`
 * asks it to show its sign-in form again, so the person can sign in as someone else; `maxAge: 0`
 * says the same for providers that honour max_age instead.
 */
export type AuthorizationOptions = { prompt?: "login"; maxAge?: 0 };

/** The authorization request (RFC 6749 4.1.1) with PKCE S256 and the nonce where configured. */
export async function buildAuthorizationUrl(
  provider: EngineProvider,
  redirectUri: string,
  secrets: FlowSecrets,
  options: AuthorizationOptions = {},
): Promise<URL> {
  const url = new URL(provider.authorizationUri);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", provider.clientId);
  url.searchParams.set("redirect_uri", redirectUri);
  url.searchParams.set("scope", provider.scope);
  url.searchParams.set("state", secrets.state);
  if (provider.jwt?.addNonce) url.searchParams.set("nonce", secrets.nonce);
  if (provider.pkce) {
    url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(secrets.codeVerifier));
    url.searchParams.set("code_challenge_method", "S256");
  }
  if (options.prompt) url.searchParams.set("prompt", options.prompt);
  if (options.maxAge !== undefined) url.searchParams.set("max_age", String(options.maxAge));
  return url;
}
