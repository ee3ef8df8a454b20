import { randomBytes } from "node:crypto";
import { SignJWT } from "jose";
import { FlowError, type EngineProvider } from "./types";

// Client authentication at the token endpoint (seed 002, RFC 6749 2.3, RFC 7523, OIDC Core 9).
// Security rules: exactly one method per request (credentials never in both the header and the
// body); assertions are short-lived and single-use (fresh jti each time); secrets and
// assertions never appear in an error.

export const CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/** Lifetime of a client assertion: long enough for one request, short enough to be useless later. */
export const ASSERTION_LIFETIME_SECONDS = 60;

/** What the token request carries; the method only ever adds to one of the two. */
export type TokenRequestParts = { headers: Record<string, string>; body: URLSearchParams };

/** RFC 6749 2.3.1 / Appendix B: application/x-www-form-urlencoded, exactly as URLSearchParams writes a value. */
export function formUrlEncode(value: string): string {
  return new URLSearchParams([["", value]]).toString().slice(1);
}

/** RFC 6749 2.3.1: id and secret each form-urlencoded, then joined by ":" and base64-encoded. */
export function basicCredentials(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${formUrlEncode(clientId)}:${formUrlEncode(clientSecret)}`, "utf8").toString("base64")}`;
}

const configError = (reason: string, hint: string) => new FlowError("token", reason, hint);

function requireSecret(provider: EngineProvider): string {
  if (!provider.clientSecret) {
    throw configError(
      `no client secret is set, but the client authentication method is ${provider.tokenEndpointAuthMethod}`,
      "Enter the client secret the provider issued, or choose the method the client is registered with.",
    );
  }
  return provider.clientSecret;
}

type AssertionKey = { alg: string; kid?: string; key: CryptoKey | Uint8Array };

async function clientAssertion(
  clientId: string,
  tokenEndpoint: string,
  signer: AssertionKey,
  nowMs: number,
): Promise<string> {
  const iat = Math.floor(nowMs / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: signer.alg, typ: "JWT", ...(signer.kid ? { kid: signer.kid } : {}) })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(tokenEndpoint)
    .setJti(randomBytes(32).toString("base64url"))
    .setIssuedAt(iat)
    .setExpirationTime(iat + ASSERTION_LIFETIME_SECONDS)
    .sign(signer.key);
}

function assertionSigningKey(provider: EngineProvider): AssertionKey {
  const signing = provider.signingKey;
  if (!signing) {
    throw configError(
      "the client authentication method is private_key_jwt, but this provider has no active signing key",
      "Generate a signing key for this provider and register its public key (JWKS) at the provider.",
    );
  }
  // A client assertion for private_key_jwt is signed with our private key: never "none", never HMAC.
  if (!/^(RS|PS|ES)(256|384|512)$|^EdDSA$/.test(signing.alg)) {
    throw configError(
      `the signing key's algorithm ${JSON.stringify(signing.alg)} cannot sign a private_key_jwt assertion`,
      "Rotate the provider's signing key.",
    );
  }
  return { alg: signing.alg, kid: signing.kid, key: signing.key };
}

/**
 * Adds the provider's client authentication to a token request, and nothing else:
 * client_secret_basic → the Authorization header only; client_secret_post → client_id and
 * client_secret in the body only; client_secret_jwt / private_key_jwt → client_id and a fresh
 * assertion in the body (aud = the token endpoint); none → client_id in the body.
 */
export async function applyClientAuth(
  provider: EngineProvider,
  tokenEndpoint: string,
  parts: TokenRequestParts,
  now: () => number = Date.now,
): Promise<void> {
  const { body, headers } = parts;
  switch (provider.tokenEndpointAuthMethod) {
    case "client_secret_basic":
      headers.authorization = basicCredentials(provider.clientId, requireSecret(provider));
      return;
    case "client_secret_post":
      body.set("client_id", provider.clientId);
      body.set("client_secret", requireSecret(provider));
      return;
    case "client_secret_jwt":
    case "private_key_jwt": {
      const signer: AssertionKey =
        provider.tokenEndpointAuthMethod === "client_secret_jwt"
          ? { alg: "HS256", key: new TextEncoder().encode(requireSecret(provider)) }
          : assertionSigningKey(provider);
      body.set("client_id", provider.clientId);
      body.set("client_assertion_type", CLIENT_ASSERTION_TYPE);
      body.set("client_assertion", await clientAssertion(provider.clientId, tokenEndpoint, signer, now()));
      return;
    }
    case "none":
      body.set("client_id", provider.clientId);
      return;
  }
}
