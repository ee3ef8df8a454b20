import type { ResourceUri } from "./provider-config";
import { FlowError, type OutboundOptions, type ResourceResult } from "./types";
import {
  describeResourceUri,
  errorDetails,
  parseJson,
  quote,
  refuseRedirect,
  send,
  statusHint,
  type Attempt,
} from "./resource-answers";

export { describeResourceUri } from "./resource-answers";

// Resource URI calls (seed 001): HTTP GET with the token in the configured query parameter,
// plus "Authorization: Bearer" when the token endpoint said token_type bearer; on an HTTP error,
// one retry without the query parameter but with the header. Security rules: the token never
// appears in an error, a result or a log line (URIs are named by origin and path only), and a
// redirect is never followed, so the token cannot travel to wherever a Location points.

export type ResourceToken = { accessToken: string; tokenType: string };
export type ResourceCallOptions = { idTokenSub?: string | null; userinfoEndpoint?: string | null };

/** RFC 6749 §7.1: token types are case-insensitive. */
export const isBearerTokenType = (tokenType: string): boolean => tokenType.trim().toLowerCase() === "bearer";

function resourceUrl(raw: string, parameter: string, token: string | null): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FlowError(
      "resource",
      `resource URI ${quote(raw, 200)} is not a valid URL`,
      "Enter an absolute https:// URL.",
    );
  }
  url.hash = "";
  // Exactly one occurrence: a same-named parameter written into the configured URI is replaced.
  if (url.searchParams.has(parameter)) url.searchParams.delete(parameter);
  if (token === null) return url.href;
  const pair = `${encodeURIComponent(parameter)}=${encodeURIComponent(token)}`;
  url.search = url.search ? `${url.search.slice(1)}&${pair}` : pair;
  return url.href;
}

// The provider's own words help the admin ("invalid_token: expired"); a peer that echoes the
// token back gets it blanked.
const isRedirect = (status: number) => status >= 300 && status < 400;

async function callResourceUri(
  resource: ResourceUri,
  token: ResourceToken,
  out: OutboundOptions,
): Promise<ResourceResult> {
  const { uri, queryParameter: parameter } = resource;
  const target = describeResourceUri(uri);
  const bearer = isBearerTokenType(token.tokenType);
  const headers: Record<string, string> = { accept: "application/json" };
  if (bearer) headers.authorization = `Bearer ${token.accessToken}`;
  const result = (attempt: Attempt, data: unknown): ResourceResult => ({
    uri,
    queryParameter: parameter,
    status: attempt.response.status,
    fallbackUsed: !attempt.withParameter,
    data,
  });

  const firstUrl = resourceUrl(uri, parameter, token.accessToken);
  const first: Attempt = { response: await send(firstUrl, headers, out, target), withParameter: true };
  if (isRedirect(first.response.status)) throw refuseRedirect(first, parameter, target, firstUrl);
  if (first.response.status < 400) return result(first, parseJson(first, parameter, target, ""));

  const firstStatus = `${first.response.status} with the query parameter '${parameter}'`;
  if (!bearer) {
    // The fallback relies on the Authorization header; without one it would carry no token at all.
    throw new FlowError(
      "resource",
      `resource URI ${target} answered ${firstStatus}${errorDetails(first.response, token.accessToken)}; no retry without it, because the token endpoint gave token_type ${quote(token.tokenType, 40)}, not Bearer, so there is no Authorization header to send`,
      statusHint(first.response.status),
    );
  }
  const secondUrl = resourceUrl(uri, parameter, null);
  const second: Attempt = { response: await send(secondUrl, headers, out, target), withParameter: false };
  if (isRedirect(second.response.status)) throw refuseRedirect(second, parameter, target, secondUrl);
  if (second.response.status >= 400) {
    throw new FlowError(
      "resource",
      `resource URI ${target} answered ${firstStatus} and ${second.response.status} without it${errorDetails(second.response, token.accessToken)}`,
      statusHint(second.response.status),
    );
  }
  return result(second, parseJson(second, parameter, target, ` (after ${firstStatus})`));
}

function sameEndpoint(a: string, b: string): boolean {
  try {
    const [x, y] = [new URL(a), new URL(b)];
    return x.origin === y.origin && x.pathname === y.pathname;
  } catch {
    return false;
  }
}

// OIDC Core 5.3.2: userinfo answers for the person of the ID token, or it is token
// substitution. Any other resource answer that names a subject (a top-level `sub`) must name
// the same one: an answer about someone else never feeds the mappings or the subject.
function checkSubject(result: ResourceResult, idTokenSub: string, isUserinfo: boolean): void {
  const data = result.data;
  const carriesSub = data !== null && typeof data === "object" && !Array.isArray(data) && Object.hasOwn(data, "sub");
  const sub = carriesSub ? (data as Record<string, unknown>).sub : undefined;
  if (!carriesSub && !isUserinfo) return;
  if (sub === idTokenSub || (typeof sub === "number" && String(sub) === idTokenSub)) return;
  const target = describeResourceUri(result.uri);
  const got = !carriesSub
    ? "no sub"
    : typeof sub === "string" || typeof sub === "number"
      ? `sub ${quote(String(sub))}`
      : `a sub that is not a string (${sub === null ? "null" : typeof sub})`;
  throw new FlowError(
    "resource",
    `${isUserinfo ? "the userinfo endpoint" : "resource URI"} ${target} answered ${got}, but the ID token's sub is ${quote(idTokenSub)}; they must be equal${isUserinfo ? " (OIDC Core 5.3.2)" : ""}`,
    isUserinfo
      ? "The userinfo answer is about someone else than the ID token: a misconfigured provider or a substituted token. Check the provider's userinfo endpoint."
      : "This resource answered about someone else than the ID token: a substituted token, or a resource URI that does not describe the signed-in person. Check the resource URI.",
  );
}

/**
 * Calls each resource URI in order and returns their JSON; the first failure throws a
 * FlowError("resource") naming the URI (without its query) and what happened. With an ID
 * token, an answer about another subject is such a failure (checkSubject).
 */
export async function callResourceUris(
  resourceUris: ResourceUri[],
  token: ResourceToken,
  out: OutboundOptions,
  opts: ResourceCallOptions = {},
): Promise<ResourceResult[]> {
  const results: ResourceResult[] = [];
  for (const resource of resourceUris) {
    const result = await callResourceUri(resource, token, out);
    const { idTokenSub, userinfoEndpoint } = opts;
    if (idTokenSub != null)
      checkSubject(result, idTokenSub, Boolean(userinfoEndpoint) && sameEndpoint(resource.uri, userinfoEndpoint!));
    results.push(result);
  }
  return results;
}
