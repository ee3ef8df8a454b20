import type { OutboxEntry } from "@/lib/mail/list-outbox";
import { canResend } from "@/lib/mail/list-outbox";
import { TEMPLATES, type TemplateKey } from "@/lib/mail/templates";
import type { ComponentProps } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { When } from "@/components/ui/when";

const STATUS: Record<string, string> = {
  local: "kept here (no SMTP_URL)",
  queued: "waiting to be sent",
  sending: "sending",
  sent: "sent",
  failed: "failed",
};
const when = (d: Date | string | null) => <When value={d} />;
const templateName = (key: string | null) =>
  key && key in TEMPLATES ? TEMPLATES[key as TemplateKey].name : key === "sms_code" ? "SMS code" : (key ?? "");
const statusOf = (m: OutboxEntry) =>
  m.toAddress.startsWith("sms:") && m.status === "local"
    ? "waiting for an SMS gateway"
    : (STATUS[m.status] ?? m.status);

/**
 * Settings → Outbox: who each mail went to, what it was, and how delivery went. No mail's text is
 * shown (it is not even loaded): the links and codes in it are for their recipient only.
 */
export function OutboxTable({
  mails,
  smtp,
  resend,
}: {
  mails: OutboxEntry[];
  smtp: boolean;
  resend: ComponentProps<typeof ActionForm>["action"];
}) {
  return (
    <table className="w-full rounded-lg border border-slate-200 bg-white text-left text-sm">
      <thead className="text-xs tracking-wide text-slate-500 uppercase">
        <tr>
          <th className="px-3 py-2 font-medium">Recipient</th>
          <th className="px-3 py-2 font-medium">Template</th>
          <th className="px-3 py-2 font-medium">Subject</th>
          <th className="px-3 py-2 font-medium">Status</th>
          <th className="px-3 py-2 font-medium">Attempts</th>
          <th className="px-3 py-2 font-medium">Created</th>
          <th className="px-3 py-2 font-medium">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {mails.map((m) => (
          <tr key={m.id} className="align-top">
            <td className="px-3 py-2">{m.toAddress}</td>
            <td className="px-3 py-2">
              {templateName(m.template)} <span className="font-mono text-xs text-slate-500">{m.template}</span>
            </td>
            <td className="px-3 py-2">{m.subject}</td>
            <td className="px-3 py-2">
              <span className="rounded bg-slate-100 px-2 py-0.5 text-xs">{statusOf(m)}</span>
              {m.sentAt ? <div className="text-xs text-slate-500">{when(m.sentAt)}</div> : null}
              {m.lastError ? <div className="text-xs text-red-700">last error: {m.lastError}</div> : null}
            </td>
            <td className="px-3 py-2">{m.attempts}</td>
            <td className="px-3 py-2 text-xs text-slate-500">{when(m.createdAt)}</td>
            <td className="px-3 py-2 text-right">
              {canResend(m, smtp) ? (
                <ActionForm action={resend}>
                  <input type="hidden" name="id" value={m.id} />
                  <button
                    type="submit"
                    className="rounded-md border border-slate-300 bg-white px-3 py-1 text-xs font-medium"
                    aria-label={`Resend to ${m.toAddress}`}
                  >
                    Resend
                  </button>
                </ActionForm>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
