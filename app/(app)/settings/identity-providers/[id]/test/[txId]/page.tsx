import Link from "next/link";
import { TestReport } from "@/components/identity-providers/test-report";
import { Forbidden } from "@/components/shell/forbidden";
import { EmptyState, PageHeader } from "@/components/ui/empty-state";
import { canOpenPage } from "@/lib/auth/page-permission";
import { getTestReport } from "@/lib/flows/get-test-report";
import { pageCtx } from "@/lib/http/page-ctx";

export default async function TestReportPage({ params }: { params: Promise<{ id: string; txId: string }> }) {
  if (!(await canOpenPage("/settings/identity-providers"))) return <Forbidden />;
  const { id, txId } = await params;
  const result = await getTestReport((await pageCtx()).db, { providerId: id, transactionId: txId });
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
