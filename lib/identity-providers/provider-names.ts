import { inArray } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { identityProviders } from "@/db/schema";

/** Each provider's name by id, in one query (none for an empty list); a deleted provider is absent. */
export async function providerNames(db: Db | Tx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: identityProviders.id, name: identityProviders.name })
    .from(identityProviders)
    .where(inArray(identityProviders.id, ids));
  return new Map(rows.map((p) => [p.id, p.name]));
}
