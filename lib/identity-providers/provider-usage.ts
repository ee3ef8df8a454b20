import type { Db, Tx } from "@/db/client";

/**
 * What uses a provider, for the delete confirmation. Each feature that references providers
 * (envelopes' signer authentication, users' OAuth assignments) adds its counter here.
 */
export type UsageCounter = { label: string; count: (db: Db | Tx, providerId: string) => Promise<number> };

export const USAGE_COUNTERS: UsageCounter[] = [];

export async function providerUsage(db: Db | Tx, providerId: string): Promise<{ label: string; count: number }[]> {
  const counts = await Promise.all(USAGE_COUNTERS.map(async (c) => ({ label: c.label, count: await c.count(db, providerId) })));
  return counts.filter((c) => c.count > 0);
}
