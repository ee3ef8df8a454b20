import { z } from "zod";
import { AppError, formatPath } from "@/lib/errors";
import { guardedFetch, OutboundError } from "@/lib/net/guarded-fetch";
import { parseTrustedHosts } from "@/lib/net/trusted-hosts";
import {
  DEFAULT_ALGORITHMS,
  SIGNING_ALGORITHMS,
  TOKEN_AUTH_METHODS,
  type TokenAuthMethod,
} from "@/lib/oauth/provider-config";
import {
  documentProblem,
  issuerMismatchMessage,
  NOT_A_CONFIGURATION,
  NOT_JSON,
  statusMessage,
  unreachableMessage,
} from "./discovery-errors";
import type { TProviderInput } from "./schema";
import { wellKnownUrl } from "./well-known";

// Create from discovery (seed 003): an OpenID Provider's .well-known/openid-configuration fills
// the endpoints, the JWKS, the issuer and what the provider supports; the admin edits after.

const ZDiscovery = z.object({
  issuer: z.string().url(),
  authorization_endpoint: z.string().url(),
  token_endpoint: z.string().url(),
  jwks_uri: z.string().url().optional(),
  userinfo_endpoint: z.string().url().optional(),
  end_session_endpoint: z.string().url().optional(),
  scopes_supported: z.array(z.string()).optional(),
  token_endpoint_auth_methods_supported: z.array(z.string()).optional(),
  id_token_signing_alg_values_supported: z.array(z.string()).optional(),
  code_challenge_methods_supported: z.array(z.string()).optional(),
  authorization_response_iss_parameter_supported: z.boolean().optional(),
});

export type DiscoveryResult = { input: Partial<TProviderInput>; discovery: Record<string, unknown>; notes: string[] };

export { wellKnownUrl };

export function discoveryToInput(raw: unknown, sourceUrl?: string): DiscoveryResult {
  // reportInput: only to tell a missing member from a wrong one; the value itself is never shown.
  const parsed = ZDiscovery.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => {
      const path = formatPath(i.path);
      return { path, message: documentProblem(path, i) };
    });
    throw new AppError("validation_failed", NOT_A_CONFIGURATION, details);
  }
  const d = parsed.data;
  if (sourceUrl && wellKnownUrl(d.issuer) !== sourceUrl.replace(/\/+$/, "")) {
    throw new AppError("bad_request", issuerMismatchMessage(d.issuer));
  }
  const notes: string[] = [];
  const methods = d.token_endpoint_auth_methods_supported ?? ["client_secret_basic"];
  const preferred: TokenAuthMethod[] = [
    "client_secret_basic",
    "client_secret_post",
    "private_key_jwt",
    "client_secret_jwt",
  ];
  const method =
    preferred.find((m) => methods.includes(m)) ?? (methods.includes("none") ? "none" : "client_secret_basic");
  const supportedAlgs = (d.id_token_signing_alg_values_supported ?? [...DEFAULT_ALGORITHMS]).filter(
    (a): a is (typeof SIGNING_ALGORITHMS)[number] => (SIGNING_ALGORITHMS as readonly string[]).includes(a),
  );
  if (d.id_token_signing_alg_values_supported?.some((a) => a === "none" || a.startsWith("HS")))
    notes.push("The provider also offers 'none' or HS* ID token algorithms; they are never accepted here.");
  const pkce = (d.code_challenge_methods_supported ?? ["S256"]).includes("S256");
  if (!pkce) notes.push("The provider does not announce PKCE S256; PKCE is off.");
  const scopes = [
    "openid",
    ...["email", "profile"].filter((s) => !d.scopes_supported || d.scopes_supported.includes(s)),
  ];
  return {
    input: {
      authorizationUri: d.authorization_endpoint,
      tokenUri: d.token_endpoint,
      logoutUri: d.end_session_endpoint ?? null,
      userinfoUri: d.userinfo_endpoint ?? null,
      scope: scopes.join(" "),
      tokenEndpointAuthMethod: (TOKEN_AUTH_METHODS as readonly string[]).includes(method)
        ? (method as TokenAuthMethod)
        : "client_secret_basic",
      pkce,
      jwt: d.jwks_uri
        ? {
            jwksUri: d.jwks_uri,
            issuer: d.issuer,
            allowedAlgorithms: supportedAlgs.length ? supportedAlgs : [...DEFAULT_ALGORITHMS],
            addNonce: true,
            validateAudience: true,
            validateIssuer: true,
            validateLifetime: true,
            clockSkewSeconds: 60,
            mappings: [],
          }
        : null,
      resourceUris:
        !d.jwks_uri && d.userinfo_endpoint
          ? [{ uri: d.userinfo_endpoint, queryParameter: "bearer", mappings: [] }]
          : [],
    },
    discovery: { ...d },
    notes,
  };
}

/** Load: fetch the document through the address guard, then check and map it. */
export async function loadDiscovery(url: string, trustedHosts: string[]): Promise<DiscoveryResult> {
  const response = await guardedFetch(
    url,
    { method: "GET", headers: { accept: "application/json" } },
    { trustedHosts: parseTrustedHosts(trustedHosts) },
  ).catch((err: unknown) => {
    if (err instanceof OutboundError)
      throw err.code === "address_not_allowed"
        ? new AppError("address_not_allowed", err.message)
        : new AppError("bad_request", unreachableMessage(err, url));
    throw err;
  });
  if (response.status !== 200)
    throw new AppError("bad_request", statusMessage(response.status, url, response.location ?? null));
  let json: unknown;
  try {
    json = JSON.parse(response.bodyText);
  } catch {
    throw new AppError("bad_request", NOT_JSON);
  }
  return discoveryToInput(json, url);
}
