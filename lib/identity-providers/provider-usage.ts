import { and, count, eq, inArray } from "drizzle-orm";
import { oauthAssignments } from "@/db/schema";
import type { Db, Tx } from "@/db/client";

/**
 * What uses a provider, for the delete confirmation (deleting it cascades to these rows). Each
 * feature that references providers adds its counter to this list.
 */
export type UsageCounter = { label: string; count: (db: Db | Tx, providerId: string) => Promise<number> };

export const USAGE_COUNTERS: UsageCounter[] = [
  {
    label: "users invited or bound (OAuth assignments)",
    count: async (db, providerId) => {
      const [row] = await db
        .select({ n: count() })
        .from(oauthAssignments)
        .where(and(eq(oauthAssignments.providerId, providerId), inArray(oauthAssignments.state, ["invited", "bound"])));
      return row?.n ?? 0;
    },
  },
];

export async function providerUsage(db: Db | Tx, providerId: string): Promise<{ label: string; count: number }[]> {
  const counts = await Promise.all(
    USAGE_COUNTERS.map(async (c) => ({ label: c.label, count: await c.count(db, providerId) })),
  );
  return counts.filter((c) => c.count > 0);
}
