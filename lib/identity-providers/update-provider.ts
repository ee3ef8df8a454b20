import { eq, sql } from "drizzle-orm";
import { identityProviders } from "@/db/schema";
import { emitAudit } from "@/lib/audit/emit-audit";
import { seal } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import { assertProviderUrisAllowed } from "./check-provider-uris";
import type { ProviderCtx } from "./context";
import { secretAad } from "./create-provider";
import { diffProvider, protectionsTurnedOff } from "./diff";
import { endProviderSessions, leavesUserSignIn } from "./end-provider-sessions";
import { mapProviderWriteError } from "./errors";
import { findProviderRow, getProvider } from "./get-provider";
import { generateProviderKey, hasActiveKey } from "./provider-keys";
import type { ProviderJson } from "./provider-json";
import { providerInputFromRow } from "./provider-settings";
import { ZProviderInput, type TProviderInput } from "./schema";
import { decideStoredSecret } from "./secret-binding";

/**
 * Replaces a provider's settings. An empty or absent client secret keeps the stored one, but
 * only while the Token Uri's origin, the Client Id and the method stay (secret-binding.ts);
 * an absent userinfoUri keeps the stored one.
 */
export async function updateProvider(ctx: ProviderCtx, id: string, raw: TProviderInput): Promise<ProviderJson> {
  const input = ZProviderInput.parse(raw);
  assertProviderUrisAllowed(input, ctx.config.trustedHosts);
  await ctx.db
    .transaction(async (tx) => {
      const row = await findProviderRow(tx, id, { forUpdate: true });
      if (!row) throw new AppError("not_found", "No identity provider with this id");
      const { clientSecret, ...given } = input;
      const fields = { ...given, userinfoUri: given.userinfoUri === undefined ? row.userinfoUri : given.userinfoUri };
      const before = providerInputFromRow(row);
      const secret = decideStoredSecret(
        {
          secretSet: row.clientSecretSealed !== null,
          tokenUri: row.tokenUri,
          clientId: row.clientId,
          tokenEndpointAuthMethod: row.tokenEndpointAuthMethod,
        },
        {
          newSecret: Boolean(clientSecret),
          tokenUri: input.tokenUri,
          clientId: input.clientId,
          tokenEndpointAuthMethod: input.tokenEndpointAuthMethod,
        },
      );
      const changes = diffProvider(before, fields, secret === "replace");
      if (secret === "drop")
        changes.push({
          field: "clientSecret",
          from: "(hidden)",
          to: `(removed: ${input.tokenEndpointAuthMethod} uses no client secret)`,
        });
      if (changes.length === 0) return;
      await tx
        .update(identityProviders)
        .set({
          ...fields,
          ...(secret === "replace" && clientSecret
            ? { clientSecretSealed: seal(clientSecret, ctx.config.encryptionKey, secretAad(id)) }
            : {}),
          ...(secret === "drop" ? { clientSecretSealed: null } : {}),
          version: sql`${identityProviders.version} + 1`,
          updatedAt: new Date(),
        })
        .where(eq(identityProviders.id, id));
      if (input.tokenEndpointAuthMethod === "private_key_jwt" && !(await hasActiveKey(tx, id)))
        await generateProviderKey(tx, id, ctx.config.encryptionKey);
      await emitAudit(tx, ctx, {
        action: "ProviderChanged",
        providerId: id,
        data: { name: input.name, changes, warnings: protectionsTurnedOff(before, input) },
      });
      if (leavesUserSignIn(before, input))
        await endProviderSessions(tx, ctx, { id, name: input.name, enabled: input.enabled });
    })
    .catch(mapProviderWriteError);
  return getProvider(ctx, id);
}
