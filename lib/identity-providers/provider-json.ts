import type { IdentityProviderRow } from "@/db/schema";
import type { JWK } from "jose";
import { providerInputFromRow, type ProviderSettings } from "./provider-settings";

/**
 * The Provider of the REST API and the editor (DESIGN.md "JSON shapes"): every stored setting of
 * the schema (provider-settings.ts), and what the app adds, read-only; never carries a secret.
 */
export type ProviderJson = ProviderSettings & {
  id: string;
  redirectUri: string;
  logonUrl: string;
  /** Read-only: register at the provider as post_logout_redirect_uri (the same for every provider). */
  postLogoutRedirectUri: string;
  /** Read-only: register at the provider as its back-channel logout URI. */
  backchannelLogoutUri: string;
  clientSecretSet: boolean;
  publicJwks: { keys: JWK[] } | null;
  clientJwksUri: string | null;
  kind: "oauth2" | "oidc" | "both";
  createdAt: string;
  updatedAt: string;
};

export const providerUrls = (appUrl: string, id: string) => ({
  redirectUri: `${appUrl}/oauth/callback/${id}`,
  logonUrl: `${appUrl}/oauth/login/${id}`,
  clientJwksUri: `${appUrl}/oauth/jwks/${id}`,
  postLogoutRedirectUri: postLogoutRedirectUriOf(appUrl),
  backchannelLogoutUri: `${appUrl}/oauth/backchannel-logout/${id}`,
});

/** Where a provider sends the browser back after RP-initiated logout: one fixed URL of the app. */
export const postLogoutRedirectUriOf = (appUrl: string) => `${appUrl}/oauth/logout-complete`;

export const providerKind = (p: { jwt: unknown; resourceUris: unknown[] }): ProviderJson["kind"] =>
  p.jwt && p.resourceUris.length > 0 ? "both" : p.jwt ? "oidc" : "oauth2";

// Written out, not spread: the keys keep the order integrators have always received.
export function toProviderJson(row: IdentityProviderRow, appUrl: string, jwks: { keys: JWK[] } | null): ProviderJson {
  const urls = providerUrls(appUrl, row.id);
  const settings = providerInputFromRow(row);
  const pkJwt = settings.tokenEndpointAuthMethod === "private_key_jwt";
  return {
    id: row.id,
    name: settings.name,
    redirectUri: urls.redirectUri,
    logonUrl: urls.logonUrl,
    postLogoutRedirectUri: urls.postLogoutRedirectUri,
    backchannelLogoutUri: urls.backchannelLogoutUri,
    clientId: settings.clientId,
    clientSecretSet: row.clientSecretSealed !== null,
    scope: settings.scope,
    authorizationUri: settings.authorizationUri,
    tokenUri: settings.tokenUri,
    logoutUri: settings.logoutUri,
    userinfoUri: settings.userinfoUri,
    tokenEndpointAuthMethod: settings.tokenEndpointAuthMethod,
    pkce: settings.pkce,
    publicJwks: pkJwt ? (jwks ?? { keys: [] }) : null,
    clientJwksUri: pkJwt ? urls.clientJwksUri : null,
    jwt: settings.jwt,
    resourceUris: settings.resourceUris,
    subjectPath: settings.subjectPath,
    usedForSignerAuthentication: settings.usedForSignerAuthentication,
    usedForUserAuthentication: settings.usedForUserAuthentication,
    enabled: settings.enabled,
    kind: providerKind(settings),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
