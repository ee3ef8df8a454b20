import { Forbidden } from "@/components/shell/forbidden";
import { EmptyState, PageHeader } from "@/components/ui/empty-state";
import { getDb } from "@/db";
import { hasPagePermission } from "@/lib/auth/page-permission";
import { getConfig } from "@/lib/config";
import { listOutbox } from "@/lib/mail/list-outbox";
import { retryMailAction } from "./actions";
import { ActionForm } from "@/components/ui/action-form";

const STATUS: Record<string, string> = { local: "kept here (no SMTP_URL)", queued: "waiting to be sent", sending: "sending", sent: "sent", failed: "failed" };

export default async function OutboxPage() {
  if (!(await hasPagePermission("manage_users"))) return <Forbidden />;
  const mails = await listOutbox(await getDb());
  const smtp = Boolean(getConfig().smtpUrl);
  return (
    <>
      <PageHeader title="Outbox">
        {smtp ? (
          <ActionForm action={retryMailAction}>
            <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-xs font-medium uppercase">
              Retry now
            </button>
          </ActionForm>
        ) : null}
      </PageHeader>
      <p className="mb-4 max-w-3xl text-sm text-slate-500">
        {smtp
          ? "Every mail the app sends, with its delivery state. Mail that SMTP refuses is kept and retried with a growing pause; nothing is lost."
          : "No SMTP_URL is set: mails are kept here instead of being sent, so the binding flow works out of the box. Set SMTP_URL to send them."}
      </p>
      {mails.length === 0 ? (
        <EmptyState title="No mail yet">Invitations and notices appear here.</EmptyState>
      ) : (
        <ul className="space-y-3">
          {mails.map((m) => (
            <li key={m.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <details>
                <summary className="cursor-pointer text-sm">
                  <span className="font-medium">{m.subject}</span> <span className="text-slate-500">to {m.toAddress}</span>{" "}
                  <span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-xs">{STATUS[m.status] ?? m.status}</span>{" "}
                  <span className="text-xs text-slate-500">{m.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC</span>
                  {m.lastError ? <span className="ml-2 text-xs text-red-700">last error: {m.lastError}</span> : null}
                </summary>
                <pre className="mt-3 whitespace-pre-wrap rounded bg-slate-50 p-3 text-xs text-slate-800">{m.text}</pre>
              </details>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
