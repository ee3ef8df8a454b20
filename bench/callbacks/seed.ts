// What the callbacks bench signs in through: its user's API token, and the test IdP as a provider
// (found by discovery, client_secret_basic, the userinfo endpoint as a resource URI with a
// Validate mapping on the email).
import { createProvider } from "../../lib/identity-providers/create-provider";
import { loadDiscovery, wellKnownUrl } from "../../lib/identity-providers/discovery";
import type { TProviderInput } from "../../lib/identity-providers/schema";
import type { IdpInfo } from "../idp-process";
import { seedApiUser } from "../seed-api-user";

export function seedTestProvider(
  dbUrl: string,
  idp: IdpInfo,
  appUrl: string,
  encryptionKey: Buffer,
): Promise<{ token: string; providerId: string }> {
  const user = {
    email: "bench-admin@example.test",
    permissions: { configure_identity_providers: "ALLOW", use_api: "ALLOW" } as const,
    tokenName: "bench callbacks",
  };
  return seedApiUser(dbUrl, user, async (userCtx, token) => {
    const trustedHosts = [`127.0.0.1:${idp.port}`];
    const found = await loadDiscovery(wellKnownUrl(idp.issuer), trustedHosts);
    const userinfo = found.discovery.userinfo_endpoint;
    if (userinfo !== `${idp.issuer}/me`)
      throw new Error(`The provider's userinfo endpoint is ${String(userinfo)}, expected ${idp.issuer}/me`);
    if (!found.input.jwt) throw new Error("The provider's discovery has no jwks_uri");
    const input: TProviderInput = {
      ...(found.input as TProviderInput),
      name: "Bench IdP",
      clientId: idp.clients.basic.clientId,
      clientSecret: idp.clients.basic.clientSecret,
      tokenEndpointAuthMethod: "client_secret_basic",
      jwt: found.input.jwt,
      resourceUris: [
        {
          uri: `${idp.issuer}/me`,
          queryParameter: "bearer",
          mappings: [{ path: "email", mode: "validate", field: "email" }],
        },
      ],
    };
    const provider = await createProvider(
      { ...userCtx, config: { appUrl, encryptionKey, encryptionKeys: [encryptionKey], trustedHosts } },
      input,
      { discovery: found.discovery },
    );
    return { token, providerId: provider.id };
  });
}
