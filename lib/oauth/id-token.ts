import { compactVerify, decodeProtectedHeader } from "jose";
import { claimChecks, type IdTokenCheck } from "./claim-checks";
import type { JwksCache } from "./jwks-cache";
import { isRecord, parseJson, quote } from "./outbound";
import type { JwtConfig } from "./provider-config";
import { FlowError } from "./types";

export { MAX_IAT_AGE_SECONDS, type IdTokenCheck } from "./claim-checks";

// ID token validation (OIDC Core 3.1.3.7, DESIGN "Flows", TESTING 1-10). Security rules, not
// toggles: the signature is verified with a key from the configured JWKS only (jku, x5u, jwk
// and x5c headers are never read); "none", HS* and any algorithm off the allow-list are refused;
// `sub` is required. The four checks of the JWT configuration follow; a check turned off is
// reported as off and passes that check only.

export type ValidatedIdToken = {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  checks: IdTokenCheck[];
};

export type IdTokenContext = { clientId: string; expectedNonce: string | null; jwks: JwksCache; now?: () => number };

/** FlowError("id_token") carrying every check made, so the test report can show them all. */
export class IdTokenError extends FlowError {
  constructor(
    reason: string,
    hint: string | undefined,
    readonly checks: IdTokenCheck[],
  ) {
    super("id_token", reason, hint);
    this.name = "IdTokenError";
  }
}

const HINTS: Record<string, string> = {
  format: "The provider's id_token is not a signed JWT.",
  algorithm:
    "The provider signs with an algorithm that is not allowed: add it to the allowed algorithms only if it is an asymmetric one the provider really uses.",
  signature:
    "The token was not signed by a key of the configured JWKS: it was altered, or the JWKS URI belongs to another provider.",
  sub: "A provider must name the person (sub) in every ID token.",
  issuer: "Compare the Issuer of the JWT configuration with the provider's discovery document (issuer).",
  audience: "The token was issued to another client: check the client id.",
  azp: "The token was issued to another client (azp): check the client id.",
  exp: "The token has expired, or the clocks of this server and the provider differ by more than the allowed skew.",
  nbf: "The token is not valid yet, or the clocks of this server and the provider differ by more than the allowed skew.",
  iat: "The token is too old or issued in the future: a replayed token, or clocks that differ by more than the allowed skew.",
  nonce: "The token does not belong to this sign-in (replayed, or from another flow). Start the sign-in again.",
};

const v = (value: unknown) => quote(value, 100);

type Claims = Record<string, unknown>;

function tokenParts(idToken: string, checks: IdTokenCheck[]): Record<string, unknown> {
  const refuse = (detail: string) => {
    checks.push({ check: "format", ok: false, detail });
    return new IdTokenError(detail, "The provider's id_token is not a signed JWT.", checks);
  };
  const parts = idToken.split(".").length;
  if (parts === 5) throw refuse("the ID token is encrypted (JWE), which is not supported");
  if (parts !== 3) throw refuse("the ID token is not a JWS in compact form");
  try {
    return decodeProtectedHeader(idToken) as Record<string, unknown>;
  } catch {
    throw refuse("the ID token's header cannot be decoded");
  }
}

function checkAlgorithm(header: Record<string, unknown>, cfg: JwtConfig): string | null {
  const alg = header.alg;
  if (typeof alg !== "string") return "the token header has no alg";
  if (alg.toLowerCase() === "none") return "alg none (an unsigned token) is never accepted";
  if (/^HS/i.test(alg)) return `${alg} (a symmetric algorithm) is never accepted for ID tokens`;
  if (!(cfg.allowedAlgorithms as readonly string[]).includes(alg))
    return `algorithm ${v(alg)} is not in the allowed list (${cfg.allowedAlgorithms.join(", ")})`;
  return null;
}

function failure(checks: IdTokenCheck[]): IdTokenError {
  const failed = checks.filter((c) => !c.ok);
  return new IdTokenError(failed.map((c) => c.detail).join("; "), HINTS[failed[0]?.check ?? ""], checks);
}

/**
 * Header, algorithm, key and signature: what every JWT the provider signs shares (ID tokens,
 * back-channel logout tokens). Returns the header and the JSON payload; IdTokenError otherwise.
 */
export async function verifyProviderJws(
  token: string,
  cfg: JwtConfig,
  jwks: JwksCache,
  checks: IdTokenCheck[],
): Promise<{ header: Record<string, unknown>; claims: Claims }> {
  const header = tokenParts(token, checks);
  const algProblem = checkAlgorithm(header, cfg);
  checks.push({ check: "algorithm", ok: !algProblem, detail: algProblem ?? `${String(header.alg)} is allowed` });
  if (algProblem) throw failure(checks);
  const alg = header.alg as string;
  const kid = typeof header.kid === "string" ? header.kid : undefined;

  let key: CryptoKey;
  try {
    key = await jwks.getKeyFor(cfg.jwksUri, { kid, alg });
  } catch (err) {
    if (!(err instanceof FlowError)) throw err;
    checks.push({ check: "key", ok: false, detail: err.reason });
    if (err.step === "id_token") throw new IdTokenError(err.reason, err.hint, checks);
    throw err;
  }
  checks.push({
    check: "key",
    ok: true,
    detail: kid === undefined ? "the token has no kid: the only JWKS key fitting the algorithm" : `JWKS key ${v(kid)}`,
  });

  let payload: Uint8Array;
  try {
    // Only this alg, only this key: whatever jku/x5u/jwk/x5c the header carries is not looked at.
    ({ payload } = await compactVerify(token, key, { algorithms: [alg] }));
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const detail =
      code === "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"
        ? "the signature does not verify with the provider's key"
        : `the token cannot be verified (${typeof code === "string" ? code : "malformed"})`;
    checks.push({ check: "signature", ok: false, detail });
    throw failure(checks);
  }
  checks.push({ check: "signature", ok: true, detail: `${alg} signature verified` });

  const parsed = parseJson(new TextDecoder().decode(payload));
  if (!parsed.ok || !isRecord(parsed.value)) {
    checks.push({ check: "format", ok: false, detail: "the token's payload is not a JSON object" });
    throw failure(checks);
  }
  return { header, claims: parsed.value };
}

/** Verifies an ID token's signature with the provider's JWKS, then its claims; IdTokenError otherwise. */
export async function validateIdToken(idToken: string, cfg: JwtConfig, ctx: IdTokenContext): Promise<ValidatedIdToken> {
  const checks: IdTokenCheck[] = [];
  const { header, claims } = await verifyProviderJws(idToken, cfg, ctx.jwks, checks);
  checks.push(
    ...claimChecks(claims, cfg, {
      clientId: ctx.clientId,
      expectedNonce: ctx.expectedNonce,
      nowSec: Math.floor((ctx.now ?? Date.now)() / 1000),
    }),
  );
  if (checks.some((c) => !c.ok)) throw failure(checks);
  return { header, claims, checks };
}
