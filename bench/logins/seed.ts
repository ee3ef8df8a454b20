// What our side of the login bench signs in through: the test IdP as a provider for user
// sign-in (found by discovery, client_secret_basic, the identity from the ID token alone, as
// Auth.js takes it), and one user per IdP person bound to their subject.
import { openDatabase } from "../../db/client";
import { oauthAssignments } from "../../db/schema";
import { seedUser } from "../../db/test/seed";
import { createProvider } from "../../lib/identity-providers/create-provider";
import { loadDiscovery, wellKnownUrl } from "../../lib/identity-providers/discovery";
import type { TProviderInput } from "../../lib/identity-providers/schema";
import type { IdpInfo } from "../idp-process";
import { seedApiUser } from "../seed-api-user";

export const LOGIN_PEOPLE = ["alice", "bob", "carol"] as const;

export async function seedLoginProvider(
  dbUrl: string,
  idp: IdpInfo,
  appUrl: string,
  encryptionKey: Buffer,
): Promise<{ providerId: string; emails: Record<string, string> }> {
  const admin = {
    email: "bench-admin@example.test",
    permissions: { configure_identity_providers: "ALLOW", use_api: "ALLOW" } as const,
    tokenName: "bench logins",
  };
  const providerId = await seedApiUser(dbUrl, admin, async (userCtx) => {
    const trustedHosts = [`127.0.0.1:${idp.port}`];
    const found = await loadDiscovery(wellKnownUrl(idp.issuer), trustedHosts);
    if (!found.input.jwt) throw new Error("The provider's discovery has no jwks_uri");
    const input: TProviderInput = {
      ...(found.input as TProviderInput),
      name: "Bench login IdP",
      clientId: idp.clients.basic.clientId,
      clientSecret: idp.clients.basic.clientSecret,
      tokenEndpointAuthMethod: "client_secret_basic",
      jwt: found.input.jwt,
      resourceUris: [],
      usedForUserAuthentication: true,
      usedForSignerAuthentication: false,
    };
    const config = { appUrl, encryptionKey, encryptionKeys: [encryptionKey], trustedHosts };
    return (await createProvider({ ...userCtx, config }, input, { discovery: found.discovery })).id;
  });
  const handle = await openDatabase({ databaseUrl: dbUrl, maxConnections: 2 });
  const emails: Record<string, string> = {};
  try {
    for (const name of LOGIN_PEOPLE) {
      const email = `${name}@example.com`;
      const { user } = await seedUser(handle.db, { email, permissions: {} });
      await handle.db
        .insert(oauthAssignments)
        .values({ userId: user.id, providerId, state: "bound", subject: `sub-${name}`, boundAt: new Date() });
      emails[name] = email;
    }
  } finally {
    await handle.close();
  }
  return { providerId, emails };
}
