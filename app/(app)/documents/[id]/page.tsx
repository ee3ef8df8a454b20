import Link from "next/link";
import { AuditTable } from "@/components/audit/audit-table";
import { VerifyResult } from "@/components/audit/verify-result";
import { CallbacksTable } from "@/components/envelopes/callbacks-table";
import { RecipientsTable } from "@/components/envelopes/recipients-table";
import { SealedDownloads } from "@/components/envelopes/sealed-downloads";
import { SendDraftButton } from "@/components/envelopes/send-draft-button";
import {
  CancelEnvelopeButton,
  DeleteDraftButton,
  ExtendEnvelopeForm,
  RecipientActions,
} from "@/components/envelopes/sender-actions";
import { StatusBadge } from "@/components/envelopes/status-badge";
import { QueryProvider } from "@/components/providers/query-provider";
import { Forbidden } from "@/components/shell/forbidden";
import { EmptyState, PageHeader } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/link-button";
import { getEnvelopeTrail } from "@/lib/audit/envelope-trail";
import { requireUserPage } from "@/lib/auth/current-user";
import { listCallbackDeliveries } from "@/lib/callbacks/list-deliveries";
import { hasPagePermission } from "@/lib/auth/page-permission";
import { getEnvelope } from "@/lib/envelopes/get-envelope";
import { AppError } from "@/lib/errors";
import { hrefWith } from "@/lib/http/href-with";
import { pageCtx } from "@/lib/http/page-ctx";
import { When } from "@/components/ui/when";

const button = "rounded-md border border-slate-300 bg-white px-3 py-2 text-xs font-medium uppercase";
const orNull = (err: unknown) => {
  if (err instanceof AppError && err.code === "not_found") return null;
  throw err;
};

/** Envelope details: status, recipients with their authentication state, and the audit trail. */
export default async function EnvelopePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ verify?: string }>;
}) {
  const [user, viewAudit, canSend] = await Promise.all([
    requireUserPage(),
    hasPagePermission("view_audit"),
    hasPagePermission("send_envelopes"),
  ]);
  const { id } = await params;
  const { db } = await pageCtx(user);
  // The sender sees their own envelope and its trail; "view audit" sees every trail.
  const envelope = await getEnvelope(db, id, { userId: user.id, seeAll: viewAudit }).catch(orNull);
  if (!envelope && !viewAudit) return <Forbidden />;
  const trail = await getEnvelopeTrail(db, id).catch(orNull);
  if (!envelope && !trail)
    return <EmptyState title="Envelope not found">There is no envelope with this id.</EmptyState>;
  const { verify } = await searchParams;
  const callbacks = envelope ? await listCallbackDeliveries(db, envelope.EnvelopeId) : [];
  // The sender's actions (lib/envelopes/sender-actions.ts): on a sent or expired envelope, for who may send envelopes.
  const live = canSend && envelope && (envelope.Status === "sent" || envelope.Status === "expired");
  return (
    <>
      {envelope ? (
        <section className="mb-8 space-y-4">
          <PageHeader title={envelope.Name}>
            <StatusBadge status={envelope.Status} />
          </PageHeader>
          <p className="-mt-4 text-sm text-slate-600">
            Status: <strong>{envelope.Status}</strong>
            {envelope.SentAt ? (
              <>
                {" "}
                · sent <When value={envelope.SentAt} />
              </>
            ) : null}
            {envelope.CompletedAt ? (
              <>
                {" "}
                · completed <When value={envelope.CompletedAt} />
              </>
            ) : null}
            {envelope.ExpiresAt && !envelope.CompletedAt ? (
              <>
                {" "}
                · {envelope.Status === "expired" ? "expired" : "expires"} <When value={envelope.ExpiresAt} />
              </>
            ) : null}
            {envelope.Status === "draft"
              ? ` · expires ${envelope.ExpirationInSecondsAfterSending / 86400} day(s) after sending`
              : ""}
            {envelope.Documents.length ? ` · ${envelope.Documents.map((d) => d.Name).join(", ")}` : ""}
          </p>
          {envelope.EndReason ? (
            <p className="text-sm text-slate-600">
              {envelope.Status === "rejected" ? "Rejected" : "Canceled"}
              {envelope.EndedAt ? ` ${envelope.EndedAt.slice(0, 16).replace("T", " ")} UTC` : ""}: {envelope.EndReason}
            </p>
          ) : null}
          {envelope.Status === "draft" ? (
            <div className="flex items-center gap-3">
              <LinkButton href={`/documents/${envelope.EnvelopeId}/edit`}>Edit draft</LinkButton>
              <QueryProvider>
                <SendDraftButton envelopeId={envelope.EnvelopeId} />
                <DeleteDraftButton envelopeId={envelope.EnvelopeId} name={envelope.Name} />
              </QueryProvider>
            </div>
          ) : null}
          <SealedDownloads envelope={envelope} />
          {live ? (
            <QueryProvider>
              <ExtendEnvelopeForm envelopeId={envelope.EnvelopeId} />
              <CancelEnvelopeButton envelopeId={envelope.EnvelopeId} />
            </QueryProvider>
          ) : null}
          <RecipientsTable
            envelope={envelope}
            actions={
              live
                ? (r) => (
                    <QueryProvider>
                      <RecipientActions
                        envelopeId={envelope.EnvelopeId}
                        recipientId={r.RecipientId}
                        email={r.Email}
                        canResend={envelope.Status === "sent" && r.Status === "invited"}
                        locked={r.Locked}
                      />
                    </QueryProvider>
                  )
                : undefined
            }
          />
        </section>
      ) : null}
      {callbacks.length ? <CallbacksTable deliveries={callbacks} /> : null}
      {trail ? (
        <>
          <PageHeader title="Envelope audit trail">
            {viewAudit ? (
              <>
                <Link className={button} href={hrefWith(`/documents/${id}`, { verify: 1 })}>
                  Verify integrity
                </Link>
                <a className={button} href={hrefWith(`/api/v6/envelope/${id}/audit-trail`, { format: "csv" })}>
                  Export CSV
                </a>
                <a
                  className={button}
                  href={hrefWith(`/api/v6/envelope/${id}/audit-trail`, { format: "json" })}
                  download={`audit-trail-${id}.json`}
                >
                  Export JSON
                </a>
                <Link className={button} href={`/documents/${id}/certificate`}>
                  Certificate
                </Link>
              </>
            ) : null}
          </PageHeader>
          <p className="mb-4 font-mono text-xs text-slate-500">Envelope {id}</p>
          {verify && viewAudit ? <VerifyResult result={trail.verification} /> : null}
          <AuditTable rows={trail.rows} />
        </>
      ) : (
        <p className="text-sm text-slate-500">No audit events yet: a draft has none until it is sent.</p>
      )}
    </>
  );
}
