import { notFound } from "next/navigation";
import { AuditTable } from "@/components/audit/audit-table";
import { HeadSignature } from "@/components/audit/head-signature";
import { Forbidden } from "@/components/shell/forbidden";
import { CertificateSummary } from "@/components/audit/certificate-summary";
import { PrintButton } from "@/components/audit/print-button";
import { getEnvelopeTrail } from "@/lib/audit/envelope-trail";
import { hasPagePermission } from "@/lib/auth/page-permission";
import { getEnvelope } from "@/lib/envelopes/get-envelope";
import { AppError } from "@/lib/errors";
import { pageCtx } from "@/lib/http/page-ctx";
import { When } from "@/components/ui/when";

export default async function CertificatePage({ params }: { params: Promise<{ id: string }> }) {
  if (!(await hasPagePermission("view_audit"))) return <Forbidden />;
  const { id } = await params;
  // An unknown envelope is the branded 404, not an error page.
  const { db } = await pageCtx();
  const trail = await getEnvelopeTrail(db, id).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  // view_audit sees every envelope; the trail outlives a deleted envelope row, whose summary is then left out.
  const envelope = await getEnvelope(db, id, { userId: "", seeAll: true }).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "not_found") return null;
    throw e;
  });
  const v = trail.verification;
  return (
    <main className="mx-auto max-w-5xl bg-white p-10 print:p-0">
      <header className="mb-6 flex items-start justify-between border-b border-slate-300 pb-4">
        <div>
          <h1 className="text-2xl font-semibold">Audit trail certificate</h1>
          {envelope ? <p className="mt-1 text-lg">{envelope.Name}</p> : null}
          <p className="mt-1 font-mono text-xs text-slate-600">Envelope {id}</p>
          <p className="text-xs text-slate-600">
            Generated <When value={new Date()} seconds zone />
          </p>
        </div>
        <PrintButton />
      </header>
      {envelope ? <CertificateSummary envelope={envelope} /> : null}
      <section className="mb-6 text-sm">
        <p>
          Chain:{" "}
          <strong>{v.valid ? "intact" : `BROKEN at event #${v.firstBroken?.seq} (${v.firstBroken?.reason})`}</strong>,{" "}
          {v.count} events.
        </p>
        <p className="mt-1 break-all">
          Final hash (SHA-256): <span className="font-mono text-xs">{v.headHash}</span>
        </p>
        <HeadSignature signature={v.headSignature} />
      </section>
      <AuditTable rows={trail.rows} />
    </main>
  );
}
