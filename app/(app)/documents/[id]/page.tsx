import Link from "next/link";
import { AuditTable } from "@/components/audit/audit-table";
import { VerifyResult } from "@/components/audit/verify-result";
import { Forbidden } from "@/components/shell/forbidden";
import { EmptyState, PageHeader } from "@/components/ui/empty-state";
import { getDb } from "@/db";
import { getEnvelopeTrail } from "@/lib/audit/envelope-trail";
import { hasPagePermission } from "@/lib/auth/page-permission";
import { AppError } from "@/lib/errors";

const button = "rounded-md border border-slate-300 bg-white px-3 py-2 text-xs font-medium uppercase";

export default async function EnvelopePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ verify?: string }> }) {
  if (!(await hasPagePermission("view_audit"))) return <Forbidden />;
  const { id } = await params;
  const trail = await getEnvelopeTrail(await getDb(), id).catch((err) => {
    if (err instanceof AppError && err.code === "not_found") return null;
    throw err;
  });
  if (!trail) return <EmptyState title="Envelope not found">There is no envelope with this id.</EmptyState>;
  const { verify } = await searchParams;
  return (
    <>
      <PageHeader title="Envelope audit trail">
        <Link className={button} href={`/documents/${id}?verify=1`}>
          Verify integrity
        </Link>
        <a className={button} href={`/api/v6/envelope/${id}/audit-trail?format=csv`}>
          Export CSV
        </a>
        <a className={button} href={`/api/v6/envelope/${id}/audit-trail`}>
          Export JSON
        </a>
        <Link className={button} href={`/documents/${id}/certificate`}>
          Certificate
        </Link>
      </PageHeader>
      <p className="mb-4 font-mono text-xs text-slate-500">Envelope {id}</p>
      {verify ? <VerifyResult result={trail.verification} /> : null}
      <AuditTable rows={trail.rows} />
    </>
  );
}
