import { OutboxTable } from "@/components/mail/outbox-table";
import { Forbidden } from "@/components/shell/forbidden";
import { EmptyState, PageHeader } from "@/components/ui/empty-state";
import { canOpenPage } from "@/lib/auth/page-permission";
import { getConfig } from "@/lib/config";
import { pageCtx } from "@/lib/http/page-ctx";
import { listOutbox } from "@/lib/mail/list-outbox";
import { resendMailAction, retryMailAction } from "./actions";
import { ActionForm } from "@/components/ui/action-form";

export default async function OutboxPage() {
  if (!(await canOpenPage("/settings/outbox"))) return <Forbidden />;
  const mails = await listOutbox((await pageCtx()).db);
  const smtp = Boolean(getConfig().smtpUrl);
  return (
    <>
      <PageHeader title="Outbox">
        {smtp ? (
          <ActionForm action={retryMailAction}>
            <button
              type="submit"
              className="rounded-md border border-slate-300 bg-white px-3 py-2 text-xs font-medium uppercase"
            >
              Retry now
            </button>
          </ActionForm>
        ) : null}
      </PageHeader>
      <p className="mb-4 max-w-3xl text-sm text-slate-500">
        {smtp
          ? "Every mail the app sends, with its delivery state. Mail that SMTP refuses is kept and retried with a growing pause; nothing is lost. Links and codes are readable only by their recipient: the text of a mail is never shown here."
          : "No SMTP_URL is set: mails wait here, their links and codes sealed, until SMTP_URL is set; then Resend sends them. The text of a mail is never shown here."}
      </p>
      {mails.length === 0 ? (
        <EmptyState title="No mail yet">Invitations and notices appear here.</EmptyState>
      ) : (
        <OutboxTable mails={mails} smtp={smtp} resend={resendMailAction} />
      )}
    </>
  );
}
