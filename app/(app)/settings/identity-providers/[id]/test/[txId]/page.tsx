import { and, eq } from "drizzle-orm";
import Link from "next/link";
import { TestReport } from "@/components/identity-providers/test-report";
import { Forbidden } from "@/components/shell/forbidden";
import { EmptyState, PageHeader } from "@/components/ui/empty-state";
import { getDb } from "@/db";
import { oauthTransactions } from "@/db/schema";
import { hasPagePermission } from "@/lib/auth/page-permission";
import type { ReportStep } from "@/lib/oauth/types";

type Result = { ok: boolean; report: ReportStep[]; error?: { step: string; reason: string; hint: string | null } };
const isUuid = (s: string) => /^[0-9a-f-]{36}$/i.test(s);

export default async function TestReportPage({ params }: { params: Promise<{ id: string; txId: string }> }) {
  if (!(await hasPagePermission("configure_identity_providers"))) return <Forbidden />;
  const { id, txId } = await params;
  const [row] =
    isUuid(id) && isUuid(txId)
      ? await (
          await getDb()
        )
          .select()
          .from(oauthTransactions)
          .where(
            and(
              eq(oauthTransactions.id, txId),
              eq(oauthTransactions.providerId, id),
              eq(oauthTransactions.purpose, "test"),
            ),
          )
      : [];
  const result = row?.result as Result | null | undefined;
  return (
    <>
      <PageHeader title="Test connection report">
        <Link
          href={`/settings/identity-providers/${id}`}
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-xs font-medium uppercase"
        >
          Back to the provider
        </Link>
      </PageHeader>
      {result ? (
        <TestReport ok={result.ok} report={result.report} error={result.error ?? null} />
      ) : (
        <EmptyState title="No report">
          This test has not finished (or does not exist). Run Test connection again from the provider.
        </EmptyState>
      )}
    </>
  );
}
