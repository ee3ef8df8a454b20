import { applyClientAuth } from "./client-auth";
import { isRecord, outboundCall, parseJson, quote } from "./outbound";
import { FlowError, type EngineProvider, type OutboundOptions, type TokenSummary } from "./types";

// The token call of the authorization code flow (RFC 6749 4.1.3/4.1.4, DESIGN "Flows"): the
// provider's client authentication, the redirect_uri of the authorization request verbatim,
// the PKCE verifier. Every failure is FlowError("token", ...) whose reason never holds the
// code, the client secret, an assertion or a token: peer texts are quoted with those redacted.

export type CodeExchangeParams = { code: string; redirectUri: string; codeVerifier: string | null };

export type CodeExchangeResult = {
  accessToken: string;
  idToken: string | null;
  tokenType: string;
  summary: TokenSummary;
};

const ERROR_HINTS: Record<string, string> = {
  invalid_grant:
    "The code was already used or expired, or the redirect URI or PKCE verifier differs from the authorization request. Start the sign-in again.",
  invalid_client:
    "The provider did not accept the client authentication: check the client id, the secret or signing key, and that the method matches the client's registration.",
  unauthorized_client: "The client is not allowed to use the authorization code grant at the provider.",
};

const HINTS = {
  oauthError: "The provider refused the token request; its error code says why.",
  status: "The token endpoint failed. Check the token URI; if it is right, the provider has a problem.",
  body: "The token URI does not look like an OAuth 2.0 token endpoint (a login page or proxy answered?). Check the token URI.",
  tokens: "The provider's answer is not a valid OAuth 2.0 token response.",
  config: "A public client (no client authentication) must use PKCE: turn PKCE on for this provider.",
} as const;

const fail = (reason: string, hint: string) => new FlowError("token", reason, hint);

// RFC 6749 5.2: error codes are %x20-21 / %x23-5B / %x5D-7E; anything else is shown as quoted text.
const ERROR_CODE = /^[\x20\x21\x23-\x5b\x5d-\x7e]{1,64}$/;

function oauthErrorReason(status: number, json: Record<string, unknown>, secrets: string[]): FlowError {
  const code = typeof json.error === "string" && ERROR_CODE.test(json.error) ? json.error : null;
  const description =
    typeof json.error_description === "string" ? ` (${quote(json.error_description, 200, secrets)})` : "";
  const shown = code ?? quote(json.error, 64, secrets);
  const hint = (code && Object.hasOwn(ERROR_HINTS, code) ? ERROR_HINTS[code] : undefined) ?? HINTS.oauthError;
  return fail(`the token endpoint answered HTTP ${status} with error ${shown}${description}`, hint);
}

function normaliseTokenType(value: unknown): string | null {
  if (typeof value !== "string" || value.trim() === "") return null;
  // RFC 6749 5.1: token_type is case-insensitive; "bearer" in any case is the Bearer type.
  return value.toLowerCase() === "bearer" ? "Bearer" : value;
}

function expiresIn(value: unknown): number | null {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) && n >= 0 ? n : null;
}

function checkPkce(provider: EngineProvider, codeVerifier: string | null): string | null {
  if (provider.tokenEndpointAuthMethod === "none" && !provider.pkce)
    throw fail("the client is public (no client authentication) and PKCE is off", HINTS.config);
  if (!provider.pkce) return null;
  if (!codeVerifier) throw fail("PKCE is on but the flow kept no code verifier", "Start the sign-in again.");
  return codeVerifier;
}

/** Parses a token response; every problem is a FlowError naming what was wrong, never a value. */
function parseTokenResponse(
  status: number,
  contentType: string,
  bodyText: string,
  secrets: string[],
): CodeExchangeResult {
  const parsed = parseJson(bodyText);
  const json = parsed.ok && isRecord(parsed.value) ? parsed.value : null;
  // Some providers answer errors with 200; an `error` member is an error whatever the status.
  if (json && json.error !== undefined) throw oauthErrorReason(status, json, secrets);
  if (status >= 300 && status < 400)
    throw fail(`the token endpoint answered a redirect (HTTP ${status}); redirects are not followed`, HINTS.body);
  if (status < 200 || status >= 300)
    throw fail(
      `the token endpoint answered HTTP ${status}${json ? "" : ` (${quote(contentType || "no content type", 60)})`}`,
      HINTS.status,
    );
  if (!parsed.ok)
    throw fail(
      `the token endpoint's answer is not JSON (content type ${quote(contentType || "none", 60)})`,
      HINTS.body,
    );
  if (!json) throw fail("the token endpoint's answer is JSON but not an object", HINTS.tokens);
  if (typeof json.access_token !== "string" || json.access_token === "")
    throw fail("the token response has no access_token", HINTS.tokens);
  const tokenType = normaliseTokenType(json.token_type);
  if (!tokenType) throw fail("the token response has no token_type", HINTS.tokens);
  if (json.id_token !== undefined && (typeof json.id_token !== "string" || json.id_token === ""))
    throw fail("the token response's id_token is not a string", HINTS.tokens);
  const idToken = typeof json.id_token === "string" ? json.id_token : null;
  const received: TokenSummary["received"] = ["access_token"];
  if (idToken) received.push("id_token");
  if (typeof json.refresh_token === "string" && json.refresh_token !== "") received.push("refresh_token");
  return {
    accessToken: json.access_token,
    idToken,
    tokenType,
    summary: {
      tokenType,
      expiresIn: expiresIn(json.expires_in),
      scope: typeof json.scope === "string" ? json.scope : null,
      received,
    },
  };
}

/**
 * Exchanges an authorization code for tokens at the provider's token endpoint. `redirectUri`
 * must be the exact string sent in the authorization request; it is sent unchanged.
 */
export async function exchangeCode(
  provider: EngineProvider,
  params: CodeExchangeParams,
  out: OutboundOptions,
): Promise<CodeExchangeResult> {
  const codeVerifier = checkPkce(provider, params.codeVerifier);
  const body = new URLSearchParams({
    grant_type: "authorization_code",
    code: params.code,
    redirect_uri: params.redirectUri,
  });
  if (codeVerifier) body.set("code_verifier", codeVerifier);
  const headers: Record<string, string> = {
    accept: "application/json",
    "content-type": "application/x-www-form-urlencoded;charset=UTF-8",
  };
  await applyClientAuth(provider, provider.tokenUri, { headers, body });

  const response = await outboundCall(
    "token",
    provider.tokenUri,
    { method: "POST", headers, body: body.toString() },
    out,
  );
  // Redacted from every quoted peer text, in case a provider echoes what it was sent.
  const secrets = [params.code, provider.clientSecret, codeVerifier, body.get("client_assertion")].filter(
    (s): s is string => !!s,
  );
  return parseTokenResponse(response.status, response.headers.get("content-type") ?? "", response.bodyText, secrets);
}
