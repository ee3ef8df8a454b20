import { sql } from "drizzle-orm";
import { identityProviders } from "@/db/schema";
import type { Db } from "@/db/client";
import type { AppConfig } from "@/lib/config";
import { open } from "@/lib/crypto/secret-box";
import type { ProviderCtx } from "@/lib/identity-providers/context";
import { createProvider, secretAad } from "@/lib/identity-providers/create-provider";
import { loadDiscovery, wellKnownUrl } from "@/lib/identity-providers/discovery";
import { providerInputFromRow } from "@/lib/identity-providers/provider-settings";
import { updateProvider } from "@/lib/identity-providers/update-provider";

export const DEMO_PROVIDER_NAME = "Demo IdP";

/**
 * Demo mode: the local demo OpenID Provider appears as "Demo IdP", created from its discovery
 * document and used for signer and user authentication. Its client secret changes at every
 * demo start, so an existing provider gets the current one.
 */
export async function provisionDemoProvider(db: Db, config: AppConfig): Promise<void> {
  if (!config.demoIdpIssuer || !config.demoIdpClient) return;
  const ctx: ProviderCtx = { db, actor: { kind: "system" }, ip: null, userAgent: null, config };
  const client = config.demoIdpClient;
  const [existing] = await db
    .select()
    .from(identityProviders)
    .where(sql`lower(${identityProviders.name}) = lower(${DEMO_PROVIDER_NAME})`);
  if (existing) {
    const current = existing.clientSecretSealed
      ? open(existing.clientSecretSealed, config.encryptionKeys, secretAad(existing.id))
      : null;
    if (current !== client.secret)
      await updateProvider(ctx, existing.id, { ...providerInputFromRow(existing), clientSecret: client.secret });
    return;
  }
  const { input, discovery } = await loadDiscovery(wellKnownUrl(config.demoIdpIssuer), config.trustedHosts);
  await createProvider(
    ctx,
    {
      ...input,
      name: DEMO_PROVIDER_NAME,
      clientId: client.id,
      clientSecret: client.secret,
      authorizationUri: input.authorizationUri!,
      tokenUri: input.tokenUri!,
      scope: "openid email profile phone address",
      jwt: input.jwt
        ? { ...input.jwt, mappings: [{ path: "email", mode: "validate", respectCase: false, field: "email" }] }
        : null,
      usedForSignerAuthentication: true,
      usedForUserAuthentication: true,
    },
    { discovery },
  );
}
