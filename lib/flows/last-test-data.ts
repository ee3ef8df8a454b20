import { and, desc, eq, isNotNull } from "drizzle-orm";
import { oauthTransactions } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import type { ReportStep } from "@/lib/oauth/types";

export type SampleData = {
  at: string;
  claims: Record<string, unknown> | null;
  resources: { uri: string; data: unknown }[];
};

/** What the last Test connection of a provider received (claims and resource answers, already redacted), for the mapping preview. */
export async function lastTestData(db: Db | Tx, providerId: string): Promise<SampleData | null> {
  const [row] = await db
    .select({ at: oauthTransactions.createdAt, result: oauthTransactions.result })
    .from(oauthTransactions)
    .where(
      and(
        eq(oauthTransactions.providerId, providerId),
        eq(oauthTransactions.purpose, "test"),
        isNotNull(oauthTransactions.result),
      ),
    )
    .orderBy(desc(oauthTransactions.createdAt))
    .limit(1);
  if (!row) return null;
  const report = ((row.result as { report?: ReportStep[] }).report ?? []).filter((s) => s.ok);
  const idToken = report.find((s) => s.step === "id_token");
  return {
    at: row.at.toISOString(),
    claims: (idToken?.details.claims as Record<string, unknown> | undefined) ?? null,
    resources: report
      .filter((s) => s.step === "resource")
      .map((s) => ({ uri: s.title.replace(/^Resource URI /, ""), data: s.details.data })),
  };
}
