import { eq, sql } from "drizzle-orm";
import { identityProviders } from "@/db/schema";
import { emitAudit } from "@/lib/audit/emit-audit";
import { AppError } from "@/lib/errors";
import type { ProviderCtx } from "./context";
import { createProvider } from "./create-provider";
import { endProviderSessions, leavesUserSignIn } from "./end-provider-sessions";
import { findProviderRow, getProvider } from "./get-provider";
import { removeRetiredKeys, rotateProviderKey } from "./provider-keys";
import type { ProviderJson } from "./provider-json";
import { providerInputFromRow } from "./provider-settings";

async function requireRow(ctx: ProviderCtx, id: string) {
  const row = await findProviderRow(ctx.db, id);
  if (!row) throw new AppError("not_found", "No identity provider with this id");
  return row;
}

export async function setProviderEnabled(ctx: ProviderCtx, id: string, enabled: boolean): Promise<ProviderJson> {
  const row = await requireRow(ctx, id);
  if (row.enabled !== enabled) {
    await ctx.db.transaction(async (tx) => {
      await tx
        .update(identityProviders)
        .set({ enabled, version: sql`${identityProviders.version} + 1`, updatedAt: new Date() })
        .where(eq(identityProviders.id, id));
      await emitAudit(tx, ctx, {
        action: "ProviderChanged",
        providerId: id,
        data: { name: row.name, changes: [{ field: "enabled", from: String(row.enabled), to: String(enabled) }] },
      });
      if (leavesUserSignIn(row, { ...row, enabled }))
        await endProviderSessions(tx, ctx, { id, name: row.name, enabled });
    });
  }
  return getProvider(ctx, id);
}

/**
 * A copy named "<name> (copy)" with every setting but the credentials: no client secret (a copy
 * is made to be pointed elsewhere, and a secret goes only where it was entered for) and, for
 * private_key_jwt, a key pair of its own. A client_secret_* copy is incomplete until its
 * secret is entered; the list and the editor say so.
 */
export async function duplicateProvider(ctx: ProviderCtx, id: string): Promise<ProviderJson> {
  const row = await requireRow(ctx, id);
  const taken = new Set(
    (await ctx.db.select({ name: identityProviders.name }).from(identityProviders)).map((r) => r.name.toLowerCase()),
  );
  let name = `${row.name} (copy)`.slice(0, 100);
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${row.name} (copy ${n})`.slice(0, 100);
  return createProvider(
    ctx,
    { ...providerInputFromRow(row), name, clientSecret: null },
    {
      discovery: row.discovery,
      secretEnteredLater: true,
    },
  );
}

export async function rotateKey(
  ctx: ProviderCtx,
  id: string,
  opts: { removeRetired?: boolean } = {},
): Promise<ProviderJson> {
  const row = await requireRow(ctx, id);
  if (row.tokenEndpointAuthMethod !== "private_key_jwt")
    throw new AppError("bad_request", "Key rotation applies to providers using private_key_jwt");
  await ctx.db.transaction(async (tx) => {
    const change = opts.removeRetired
      ? { field: "publicJwks", from: null, to: `removed ${await removeRetiredKeys(tx, id)} retired key(s)` }
      : {
          field: "publicJwks",
          from: null,
          to: `new active key ${await rotateProviderKey(tx, id, ctx.config.encryptionKey)}`,
        };
    await emitAudit(tx, ctx, {
      action: "ProviderChanged",
      providerId: id,
      data: { name: row.name, changes: [change] },
    });
  });
  return getProvider(ctx, id);
}
