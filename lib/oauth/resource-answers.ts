import { guardedFetch, OutboundError, type GuardedResponse } from "@/lib/net/guarded-fetch";
import { FlowError, type OutboundOptions } from "./types";

// What a resource URI answered, turned into the data or a FlowError naming the step, the status
// and a hint; never the token (URIs are named by origin and path only).

/** One GET: its answer, and whether the token went in the query parameter. */
export type Attempt = { response: GuardedResponse; withParameter: boolean };

/** Origin and path: safe to show, since a query string may carry a token. */
export function describeResourceUri(raw: string, base?: string): string {
  try {
    const url = new URL(raw, base);
    return `${url.origin}${url.pathname}`;
  } catch {
    return "an invalid URL";
  }
}

export const quote = (text: string, max = 80) => JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);

export function errorDetails(response: GuardedResponse, token: string): string {
  let body: unknown;
  try {
    body = JSON.parse(response.bodyText);
  } catch {
    return "";
  }
  if (!body || typeof body !== "object") return "";
  const { error, error_description: description } = body as { error?: unknown; error_description?: unknown };
  const parts = [error, description].filter((p): p is string => typeof p === "string" && p !== "");
  if (parts.length === 0) return "";
  let text = parts.join(": ").replace(/\p{Cc}/gu, " ");
  if (token) text = text.replaceAll(token, "[token]").replaceAll(encodeURIComponent(token), "[token]");
  return ` (${quote(text, 200).slice(1, -1)})`;
}

export function statusHint(status: number): string {
  if (status === 401)
    return "The provider refused the token: check the query parameter against the provider's manual (choose 'bearer' for an OIDC userinfo endpoint) and that the scope grants access to this resource.";
  if (status === 403)
    return "The token lacks permission for this resource: check the scope this provider requests and the client's grants at the provider.";
  if (status === 404) return "Check the resource URI: the provider does not know this path.";
  if (status >= 500)
    return "The resource server failed: check its status and try again; if it fails only with the query parameter, choose another parameter.";
  return "Check the resource URI and its query parameter against the provider's manual.";
}

export async function send(
  url: string,
  headers: Record<string, string>,
  out: OutboundOptions,
  target: string,
): Promise<GuardedResponse> {
  try {
    return await guardedFetch(url, { method: "GET", headers }, out);
  } catch (err) {
    if (!(err instanceof OutboundError)) throw err;
    const hints: Record<OutboundError["code"], string> = {
      address_not_allowed:
        "The address guard refused this host. If the resource server is on a private network or loopback, add it to TRUSTED_HOSTS.",
      timeout: "The resource server did not answer in time: check that it is up, or raise the timeout (30 s at most).",
      too_large:
        "The answer is larger than 1 MiB: point the resource URI at an endpoint returning only the person's data.",
      network: "Check the host name and that the resource server is reachable from this server.",
    };
    throw new FlowError("resource", `resource URI ${target}: ${err.message}`, hints[err.code]);
  }
}

export function refuseRedirect(attempt: Attempt, parameter: string, target: string, url: string): FlowError {
  const where = attempt.response.location ? ` to ${describeResourceUri(attempt.response.location, url)}` : "";
  const how = attempt.withParameter
    ? `with the query parameter '${parameter}'`
    : `without the query parameter '${parameter}'`;
  return new FlowError(
    "resource",
    `resource URI ${target} answered ${attempt.response.status} ${how}, redirecting${where}; redirects are not followed, so that the token does not travel elsewhere`,
    "Enter the address the redirect points to as the resource URI (add its host to TRUSTED_HOSTS if it is on a private network).",
  );
}

export function parseJson(attempt: Attempt, parameter: string, target: string, context: string): unknown {
  let data: unknown;
  try {
    data = JSON.parse(attempt.response.bodyText);
  } catch {
    data = undefined;
  }
  if (data !== null && typeof data === "object") return data;
  const type = attempt.response.headers.get("content-type");
  const what =
    data === undefined
      ? `not JSON${type ? ` (content-type ${quote(type, 60)})` : ""}`
      : "JSON that is not an object or a list";
  throw new FlowError(
    "resource",
    `resource URI ${target} answered ${attempt.response.status} ${attempt.withParameter ? "with" : "without"} the query parameter '${parameter}'${context}, but ${what}`,
    "The resource URI must answer the person's data as JSON: check that it is the API endpoint and not a web page (signed JWT answers are not supported).",
  );
}
