import { identityProviders } from "@/db/schema";
import { emitAudit } from "@/lib/audit/emit-audit";
import { seal } from "@/lib/crypto/secret-box";
import { assertProviderUrisAllowed } from "./check-provider-uris";
import type { ProviderCtx } from "./context";
import { protectionsTurnedOff } from "./diff";
import { mapProviderWriteError } from "./errors";
import { getProvider } from "./get-provider";
import { generateProviderKey } from "./provider-keys";
import type { ProviderJson } from "./provider-json";
import { ZProviderInput, type ProviderInput, type TProviderInput } from "./schema";
import { requireClientSecret } from "./secret-binding";

export const secretAad = (providerId: string) => `provider:${providerId}:clientSecret`;

/** Settings as the audit trail records them: everything but the secret, which is only "set" or not. */
export const auditSettings = (p: ProviderInput) => {
  const { clientSecret, ...rest } = p;
  return JSON.parse(JSON.stringify({ ...rest, clientSecretSet: Boolean(clientSecret) })) as Record<string, never>;
};

export async function createProvider(
  ctx: ProviderCtx,
  raw: TProviderInput,
  extra: { discovery?: Record<string, unknown> | null; secretEnteredLater?: boolean } = {},
): Promise<ProviderJson> {
  const input = ZProviderInput.parse(raw);
  // A duplicate (provider-actions.ts) is created without the secret on purpose: the list marks it "Needs a client secret".
  if (!extra.secretEnteredLater)
    requireClientSecret(input.tokenEndpointAuthMethod, { entered: Boolean(input.clientSecret), stored: false });
  assertProviderUrisAllowed(input, ctx.config.trustedHosts);
  const id = crypto.randomUUID();
  await ctx.db
    .transaction(async (tx) => {
      const { clientSecret, userinfoUri, ...fields } = input;
      const discovered = extra.discovery?.userinfo_endpoint;
      await tx.insert(identityProviders).values({
        id,
        ...fields,
        // What discovery named is kept, so the userinfo sub check (OIDC Core 5.3.2) always has it.
        userinfoUri: userinfoUri ?? (typeof discovered === "string" ? discovered : null),
        clientSecretSealed: clientSecret ? seal(clientSecret, ctx.config.encryptionKey, secretAad(id)) : null,
        discovery: extra.discovery ?? null,
      });
      if (input.tokenEndpointAuthMethod === "private_key_jwt")
        await generateProviderKey(tx, id, ctx.config.encryptionKey);
      await emitAudit(tx, ctx, {
        action: "ProviderCreated",
        providerId: id,
        data: { name: input.name, settings: auditSettings(input) },
      });
      const warnings = protectionsTurnedOff(null, input);
      if (warnings.length) {
        await emitAudit(tx, ctx, {
          action: "ProviderChanged",
          providerId: id,
          data: { name: input.name, changes: [], warnings },
        });
      }
    })
    .catch(mapProviderWriteError);
  return getProvider(ctx, id);
}
