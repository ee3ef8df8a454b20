import { and, eq } from "drizzle-orm";
import { oauthTransactions } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import type { ReportStep } from "@/lib/oauth/types";

/** What Test connection keeps on its transaction (complete-test.ts): the steps, and where a failed one broke. */
export type TestConnectionReport = {
  ok: boolean;
  report: ReportStep[];
  error?: { step: string; reason: string; hint: string | null };
};

const looksLikeUuid = (s: string) => /^[0-9a-f-]{36}$/i.test(s);

/** The report of one Test connection of this provider, or null while it runs (or for an id that names none). */
export async function getTestReport(
  db: Db | Tx,
  input: { providerId: string; transactionId: string },
): Promise<TestConnectionReport | null> {
  if (!looksLikeUuid(input.providerId) || !looksLikeUuid(input.transactionId)) return null;
  const [row] = await db
    .select({ result: oauthTransactions.result })
    .from(oauthTransactions)
    .where(
      and(
        eq(oauthTransactions.id, input.transactionId),
        eq(oauthTransactions.providerId, input.providerId),
        eq(oauthTransactions.purpose, "test"),
      ),
    );
  return (row?.result as TestConnectionReport | null | undefined) ?? null;
}
