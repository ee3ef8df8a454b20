"use client";

import { useActionState, useState } from "react";
import { saveTemplateAction } from "@/app/(app)/settings/notification-templates/actions";
import type { ActionResult } from "@/lib/http/action";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/lib/format/date";
import { renderTemplate, type TemplateKey, type TemplateVar } from "@/lib/mail/templates";

/** A sample value for every placeholder of every template (a new placeholder without one does not compile). */
const SAMPLE: Record<TemplateVar<TemplateKey>, string> = {
  RecipientFirstName: "Jane",
  RecipientLastName: "Doe",
  ProviderName: "Demo IdP",
  Link: "https://sign.example.com/bind/…",
  ExpirationDate: formatDateTime("2026-12-30T10:00:00Z"),
  OrganizationName: "Example Corp",
  EnvelopeName: "Service agreement",
  SenderName: "Sam Sender",
  PersonalMessage: "Please sign by Friday.",
  Message: "Please sign by Friday.",
  Reason: "The terms changed; a new version follows.",
  SignerName: "Jane Doe",
};

/** One template: subject and body with #Placeholders#, and a live preview rendered exactly as the mail will be (values escaped). */
export function TemplateEditor({
  templateKey,
  name,
  placeholders,
  subject,
  body,
}: {
  templateKey: string;
  name: string;
  placeholders: readonly string[];
  subject: string;
  body: string;
}) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(saveTemplateAction, null);
  const [draft, setDraft] = useState({ subject, body });
  const preview = renderTemplate(draft, SAMPLE);
  return (
    <section aria-labelledby={`t-${templateKey}`} className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <h2
        id={`t-${templateKey}`}
        className="border-b border-slate-100 px-6 py-4 text-base font-semibold text-brand-900"
      >
        {name}
      </h2>
      <div className="grid gap-6 px-6 py-5 lg:grid-cols-2">
        <form action={action} className="space-y-3">
          <input type="hidden" name="key" value={templateKey} />
          <label className="block text-sm font-medium text-slate-700">
            Subject
            <input
              name="subject"
              value={draft.subject}
              onChange={(e) => setDraft({ ...draft, subject: e.target.value })}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
            />
          </label>
          <label className="block text-sm font-medium text-slate-700">
            Body
            <textarea
              name="body"
              rows={10}
              value={draft.body}
              onChange={(e) => setDraft({ ...draft, body: e.target.value })}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs"
            />
          </label>
          <p className="text-xs text-slate-500">Placeholders: {placeholders.map((p) => `#${p}#`).join(" ")}</p>
          <div className="flex items-center gap-3">
            <Button type="submit" disabled={pending}>
              Save
            </Button>
            {state ? (
              <span role="status" className={`text-sm ${state.ok ? "text-emerald-700" : "text-red-700"}`}>
                {state.ok ? "Saved" : state.message}
              </span>
            ) : null}
          </div>
        </form>
        <div>
          <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Preview</p>
          <p className="mt-2 text-sm font-medium">{preview.subject}</p>
          <iframe
            title={`Preview of ${name}`}
            sandbox=""
            srcDoc={preview.html}
            className="mt-2 h-64 w-full rounded border border-slate-200 bg-white"
          />
        </div>
      </div>
    </section>
  );
}
