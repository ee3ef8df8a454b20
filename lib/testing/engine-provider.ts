import type { JwtConfig } from "@/lib/oauth/provider-config";
import type { EngineProvider } from "@/lib/oauth/types";

// The engine's inputs for tests against a real peer: only where the peer is and what differs.

/** A confidential client (client_secret_basic, PKCE) of the server at `at`, no JWT checks, `sub` as subject. */
export const engineProvider = (
  at: Pick<EngineProvider, "clientId" | "clientSecret" | "authorizationUri" | "tokenUri">,
  changes: Partial<EngineProvider> = {},
): EngineProvider => ({
  id: "prov-test",
  name: "Test IdP",
  tokenEndpointAuthMethod: "client_secret_basic",
  signingKey: null,
  pkce: true,
  scope: "openid",
  jwt: null,
  resourceUris: [],
  subjectPath: "sub",
  userinfoEndpoint: null,
  ...at,
  ...changes,
});

/** Every check of the JWT configuration on (nonce, audience, issuer, lifetime with 60 s of skew), no mappings. */
export const checkedJwt = (at: Pick<JwtConfig, "jwksUri" | "issuer">, changes: Partial<JwtConfig> = {}): JwtConfig => ({
  addNonce: true,
  validateAudience: true,
  validateIssuer: true,
  validateLifetime: true,
  clockSkewSeconds: 60,
  allowedAlgorithms: ["RS256", "PS256", "ES256"],
  mappings: [],
  ...at,
  ...changes,
});
