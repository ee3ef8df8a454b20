import type { IdentityProviderRow } from "@/db/schema";
import type { JWK } from "jose";
import type { JwtConfig, ResourceUri } from "./schema";
import type { TokenAuthMethod } from "./fields";

/** The Provider of the REST API and the editor (DESIGN.md "JSON shapes"); never carries a secret. */
export type ProviderJson = {
  id: string;
  name: string;
  redirectUri: string;
  logonUrl: string;
  /** Read-only: register at the provider as post_logout_redirect_uri (the same for every provider). */
  postLogoutRedirectUri: string;
  /** Read-only: register at the provider as its back-channel logout URI. */
  backchannelLogoutUri: string;
  clientId: string;
  clientSecretSet: boolean;
  scope: string;
  authorizationUri: string;
  tokenUri: string;
  logoutUri: string | null;
  /** Extension: the userinfo endpoint discovery named (its answer's sub must be the ID token's). */
  userinfoUri: string | null;
  tokenEndpointAuthMethod: TokenAuthMethod;
  pkce: boolean;
  publicJwks: { keys: JWK[] } | null;
  clientJwksUri: string | null;
  jwt: JwtConfig | null;
  resourceUris: ResourceUri[];
  subjectPath: string;
  usedForSignerAuthentication: boolean;
  usedForUserAuthentication: boolean;
  enabled: boolean;
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

export function toProviderJson(row: IdentityProviderRow, appUrl: string, jwks: { keys: JWK[] } | null): ProviderJson {
  const urls = providerUrls(appUrl, row.id);
  const pkJwt = row.tokenEndpointAuthMethod === "private_key_jwt";
  return {
    id: row.id,
    name: row.name,
    redirectUri: urls.redirectUri,
    logonUrl: urls.logonUrl,
    postLogoutRedirectUri: urls.postLogoutRedirectUri,
    backchannelLogoutUri: urls.backchannelLogoutUri,
    clientId: row.clientId,
    clientSecretSet: row.clientSecretSealed !== null,
    scope: row.scope,
    authorizationUri: row.authorizationUri,
    tokenUri: row.tokenUri,
    logoutUri: row.logoutUri,
    userinfoUri: row.userinfoUri,
    tokenEndpointAuthMethod: row.tokenEndpointAuthMethod as TokenAuthMethod,
    pkce: row.pkce,
    publicJwks: pkJwt ? (jwks ?? { keys: [] }) : null,
    clientJwksUri: pkJwt ? urls.clientJwksUri : null,
    jwt: row.jwt,
    resourceUris: row.resourceUris,
    subjectPath: row.subjectPath,
    usedForSignerAuthentication: row.usedForSignerAuthentication,
    usedForUserAuthentication: row.usedForUserAuthentication,
    enabled: row.enabled,
    kind: providerKind(row),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
