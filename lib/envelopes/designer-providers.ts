import { and, asc, eq } from "drizzle-orm";
import { identityProviders } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { customFieldIds } from "./resolve-auth";

/** The providers a sender may require of a signer, with only what the designer needs: no secret or configuration reaches the browser. */
export async function designerProviders(db: Db | Tx): Promise<{ id: string; name: string; customFields: string[] }[]> {
  const rows = await db
    .select()
    .from(identityProviders)
    .where(and(eq(identityProviders.enabled, true), eq(identityProviders.usedForSignerAuthentication, true)))
    .orderBy(asc(identityProviders.name));
  return rows.map((p) => ({ id: p.id, name: p.name, customFields: customFieldIds(p) }));
}
