import { asc, eq, sql } from "drizzle-orm";
import { identityProviders } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { AppError } from "@/lib/errors";
import type { ProviderCtx } from "./context";
import { publicJwks, publicJwksOf } from "./provider-keys";
import { toProviderJson, type ProviderJson } from "./provider-json";
import { isUuid } from "@/lib/validation/uuid";

export async function findProviderRow(db: Db | Tx, id: string, opts: { forUpdate?: boolean } = {}) {
  if (!isUuid(id)) return null;
  const query = db.select().from(identityProviders).where(eq(identityProviders.id, id));
  const [row] = opts.forUpdate ? await query.for("update") : await query;
  return row ?? null;
}

export async function getProvider(ctx: Pick<ProviderCtx, "db" | "config">, id: string): Promise<ProviderJson> {
  const row = await findProviderRow(ctx.db, id);
  if (!row) throw new AppError("not_found", "No identity provider with this id");
  const jwks = row.tokenEndpointAuthMethod === "private_key_jwt" ? await publicJwks(ctx.db, id) : null;
  return toProviderJson(row, ctx.config.appUrl, jwks);
}

export async function listProviders(ctx: Pick<ProviderCtx, "db" | "config">): Promise<ProviderJson[]> {
  const rows = await ctx.db
    .select()
    .from(identityProviders)
    .orderBy(asc(sql`lower(${identityProviders.name})`));
  // The private_key_jwt providers' public keys in one query, not one per provider.
  const jwks = await publicJwksOf(
    ctx.db,
    rows.filter((r) => r.tokenEndpointAuthMethod === "private_key_jwt").map((r) => r.id),
  );
  return rows.map((r) => toProviderJson(r, ctx.config.appUrl, jwks.get(r.id) ?? null));
}
