import type { IdentityProviderRow } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { open } from "@/lib/crypto/secret-box";
import { secretAad } from "@/lib/identity-providers/create-provider";
import { providerUrls } from "@/lib/identity-providers/provider-json";
import { activeSigningKey } from "@/lib/identity-providers/provider-keys";
import type { TokenAuthMethod } from "@/lib/oauth/provider-config";
import type { EngineProvider } from "@/lib/oauth/types";

/** A stored provider as the engine takes it: secrets opened here, in memory, for one flow. */
export async function toEngineProvider(
  db: Db | Tx,
  row: IdentityProviderRow,
  encryptionKeys: Buffer[],
): Promise<EngineProvider> {
  const method = row.tokenEndpointAuthMethod as TokenAuthMethod;
  const discovery = (row.discovery ?? {}) as { userinfo_endpoint?: string };
  return {
    id: row.id,
    name: row.name,
    clientId: row.clientId,
    clientSecret: row.clientSecretSealed ? open(row.clientSecretSealed, encryptionKeys, secretAad(row.id)) : null,
    tokenEndpointAuthMethod: method,
    signingKey: method === "private_key_jwt" ? await activeSigningKey(db, row.id, encryptionKeys) : null,
    pkce: row.pkce,
    scope: row.scope,
    authorizationUri: row.authorizationUri,
    tokenUri: row.tokenUri,
    jwt: row.jwt,
    resourceUris: row.resourceUris,
    subjectPath: row.subjectPath,
    userinfoEndpoint: row.userinfoUri ?? discovery.userinfo_endpoint ?? null,
  };
}

export const redirectUriOf = (appUrl: string, providerId: string) => providerUrls(appUrl, providerId).redirectUri;
