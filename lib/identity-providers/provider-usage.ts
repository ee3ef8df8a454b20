import { and, count, eq, inArray } from "drizzle-orm";
import { oauthAssignments } from "@/db/schema";
import type { Db, Tx } from "@/db/client";

/**
 * What uses a provider, for the delete confirmation (deleting it cascades to these rows). Each
 * feature that references providers adds its counter to this list.
 */
export type UsageCounter = {
  /** What is counted, for one and for several ("1 user…", "2 users…"). */
  label: { one: string; other: string };
  count: (db: Db | Tx, providerId: string) => Promise<number>;
};

export const USAGE_COUNTERS: UsageCounter[] = [
  {
    label: { one: "user invited or bound (OAuth assignments)", other: "users invited or bound (OAuth assignments)" },
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
    USAGE_COUNTERS.map(async (c) => {
      const n = await c.count(db, providerId);
      return { label: n === 1 ? c.label.one : c.label.other, count: n };
    }),
  );
  return counts.filter((c) => c.count > 0);
}
