import Link from "next/link";
import { CheckCircle2, Circle } from "lucide-react";
import { EnvelopeTable } from "@/components/envelopes/envelope-table";
import type { AwaitingSignature, HomeEnvelope } from "@/lib/envelopes/list-home";
import type { SetupItem } from "@/lib/identity-providers/get-setup-checklist";
import { When } from "@/components/ui/when";

// Until the one date formatter lands (issue 16), the form the envelope pages use.
const when = (d: Date | string | null) => <When value={d} />;
const card = "rounded-lg border border-slate-200 bg-white";

export function HomeSection({ title, children }: { title: string; children: React.ReactNode }) {
  const id = `home-${title.toLowerCase().replace(/[^a-z]+/g, "-")}`;
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-sm font-semibold tracking-wide text-slate-600 uppercase">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function Quiet({ children }: { children: React.ReactNode }) {
  return <p className={`${card} px-4 py-3 text-sm text-slate-500`}>{children}</p>;
}

/** Envelopes waiting for this person's signature: the link is in their mail (it is theirs alone, never shown here). */
export function ToSignList({ items, email }: { items: AwaitingSignature[]; email: string }) {
  return (
    <ul className={`${card} divide-y divide-slate-100`}>
      {items.map((e) => (
        <li key={e.envelopeId} className="px-4 py-3 text-sm">
          <p className="font-medium text-slate-900">{e.name}</p>
          <p className="text-slate-600">
            From {e.sender}. Open the signing link in the invitation sent to {email}
            {e.invitedAt ? <> on {when(e.invitedAt)}</> : null}
            {e.linkExpiresAt ? <>; it works until {when(e.linkExpiresAt)}</> : null}.
          </p>
        </li>
      ))}
    </ul>
  );
}

/** Drafts or sent envelopes, each linking to its page with its state. */
export function EnvelopeList({ items, label }: { items: HomeEnvelope[]; label: string }) {
  return <EnvelopeTable items={items} label={label} dateHeading={label === "Drafts" ? "Changed" : "Sent"} />;
}

/** The administrator's setup checklist: each item's state and where to do it. */
export function SetupChecklist({ items }: { items: SetupItem[] }) {
  return (
    <ul aria-label="Setup checklist" className={`${card} divide-y divide-slate-100`}>
      {items.map((i) => (
        <li key={i.key} className="flex items-start gap-3 px-4 py-3 text-sm">
          {i.done ? (
            <CheckCircle2 aria-hidden className="mt-0.5 h-5 w-5 shrink-0 text-emerald-600" />
          ) : (
            <Circle aria-hidden className="mt-0.5 h-5 w-5 shrink-0 text-slate-400" />
          )}
          <div className="min-w-0 flex-1">
            <p className="font-medium text-slate-900">
              {i.label} <span className="sr-only">{i.done ? "(done)" : "(to do)"}</span>
            </p>
            <p className="text-slate-600">{i.state}</p>
          </div>
          <Link className="shrink-0 text-brand-700 underline" href={i.href}>
            {i.action}
          </Link>
        </li>
      ))}
    </ul>
  );
}
