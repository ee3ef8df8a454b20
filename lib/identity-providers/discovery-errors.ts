import type { OutboundError } from "@/lib/net/guarded-fetch";
import { wellKnownUrl } from "./well-known";

// Why a discovery document could not be used, in an administrator's words: what happened and
// what to do next. The JSON path of a problem in the document stays in the error's details
// (the API answer), each with a sentence instead of the schema's "Invalid input".

const TLS_CODES =
  /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|ERR_SSL|EPROTO|DEPTH_ZERO|HOSTNAME_MISMATCH/;

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/** A failed call to the discovery URL (not the address guard's refusal, which says why itself). */
export function unreachableMessage(err: OutboundError, url: string): string {
  const host = hostOf(url);
  if (err.code === "timeout")
    return `${host} did not answer within 10 seconds. Check the address, and that this server can reach the provider (a firewall or proxy may be in the way).`;
  if (err.code === "too_large")
    return `The answer from ${host} is far larger than a discovery document. Check that the URL ends in /.well-known/openid-configuration.`;
  const code = /\(([A-Z0-9_]+)\)$/.exec(err.message)?.[1] ?? "";
  if (TLS_CODES.test(code))
    return `This server does not trust the TLS certificate of ${host} (${code}). Use the provider's public HTTPS address, or ask its administrator for a certificate from a public certificate authority.`;
  if (code === "ECONNREFUSED")
    return `Nothing accepts connections at ${host}. Check the host and port, and that the provider is running.`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || /resolve/i.test(err.message))
    return `The host name ${host} could not be found. Check its spelling.`;
  if (code === "ECONNRESET")
    return `${host} closed the connection. If the address starts with https, check that the provider speaks HTTPS on that port (or http, if it does not).`;
  return `${host} could not be reached${code ? ` (${code})` : ""}. Check the address, and that this server can reach the provider.`;
}

/** An HTTP answer other than 200. */
export function statusMessage(status: number, url: string, location: string | null): string {
  if (status === 404)
    return `There is no discovery document at this address (HTTP 404). It is usually the issuer followed by /.well-known/openid-configuration; check the path (and, for Keycloak, the realm: /realms/<realm>/.well-known/openid-configuration).`;
  if (status >= 300 && status < 400)
    return `The provider sends this address elsewhere (HTTP ${status}${location ? ` to ${location}` : ""}). Enter the address it redirects to; redirects are not followed.`;
  if (status === 401 || status === 403)
    return `The provider refused to give its configuration (HTTP ${status}). Discovery documents are public on an OpenID Provider: check the address.`;
  if (status >= 500)
    return `The provider had an error (HTTP ${status}). Try again later, or paste its configuration document instead.`;
  return `The provider answered HTTP ${status} for ${url}, not its configuration. Check the address.`;
}

export const NOT_JSON =
  "The address answered, but not with JSON: it may be a login or home page. Enter the URL of the provider's openid-configuration document (usually the issuer followed by /.well-known/openid-configuration).";

/** The document names another issuer than the address it came from. */
export function issuerMismatchMessage(issuer: string): string {
  return `This configuration belongs to the issuer "${issuer}", not to the address you entered. Load ${wellKnownUrl(issuer)} instead; if that is not reachable, the provider's issuer setting (its public address) is wrong, which an administrator of the provider can fix.`;
}

const FIELD_NAMES: Record<string, string> = {
  issuer: "the provider's issuer (its identifier)",
  authorization_endpoint: "the authorization endpoint (where people sign in)",
  token_endpoint: "the token endpoint",
  jwks_uri: "the JWKS URI (the provider's signing keys)",
  userinfo_endpoint: "the userinfo endpoint",
  end_session_endpoint: "the logout endpoint",
};

/** One problem of the document at its JSON path, as a sentence. */
export function documentProblem(path: string, issue: { code: string; input?: unknown }): string {
  const key = path.replace(/^\$\./, "").split(/[.[]/)[0] ?? path;
  const what = FIELD_NAMES[key] ?? key;
  if (issue.input === undefined) return `Missing: ${what} (${key}).`;
  if (issue.code === "invalid_format") return `Not a URL: ${what} (${key}).`;
  return `Not in the expected form: ${what} (${key}).`;
}

export const NOT_A_CONFIGURATION =
  "This is not an OpenID Provider configuration document. A plain OAuth 2.0 server has none: enter its endpoints by hand below.";
