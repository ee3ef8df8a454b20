"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { acceptAgreementAction, finishAction, signFieldAction } from "@/app/sign/[token]/actions";
import type { ActionResult } from "@/lib/http/action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export type PanelField = {
  id: string;
  docRef: number;
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
  signed: boolean;
};
type Props = {
  token: string;
  documents: { docRef: number; name: string; pages: [number, number][] }[];
  fields: PanelField[];
  agreementAccepted: boolean;
  /** The agreement in the signer's language (lib/envelopes/agreements.ts). */
  agreement?: { heading: string; text: string };
};

/** After authentication: the document, the agreement, click-to-sign on each field, finish. */
export function SigningPanel({ token, documents, fields, agreementAccepted, agreement }: Props) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  // Ticked at once; the server's answer (refresh) confirms it, an error unticks it.
  const [accepted, setAccepted] = useState(agreementAccepted);
  const act = (fn: () => Promise<ActionResult<unknown>>) =>
    start(async () => {
      const result = await fn();
      setMessage(result.ok ? null : result.message);
      router.refresh();
    });
  const allSigned = fields.every((f) => f.signed);
  return (
    <div className="space-y-6">
      {documents.map((d) => (
        <section
          key={d.docRef}
          aria-label={`Document ${d.name}`}
          className="rounded-lg border border-slate-200 bg-white p-4"
        >
          <h2 className="mb-2 text-sm font-medium text-slate-800">{d.name}</h2>
          <iframe
            title={`Document: ${d.name}`}
            src={`/sign/${token}/document/${d.docRef}`}
            className="h-[70vh] w-full rounded border border-slate-200"
          />
        </section>
      ))}
      {message ? <Alert tone="error">{message}</Alert> : null}
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="text-sm font-semibold text-slate-800">{agreement?.heading ?? "Signature Disclosure"}</h2>
        {agreement?.text ? <p className="mt-2 text-sm whitespace-pre-line text-slate-700">{agreement.text}</p> : null}
        <label className="mt-2 flex items-start gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={accepted}
            disabled={accepted || pending}
            onChange={() => {
              setAccepted(true);
              act(async () => {
                const result = await acceptAgreementAction({ token });
                if (!result.ok) setAccepted(false);
                return result;
              });
            }}
            className="mt-0.5 h-4 w-4 accent-brand-600"
          />
          I have read the document and agree to sign it electronically.
        </label>
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="text-sm font-semibold text-slate-800">Signature fields</h2>
        <div className="mt-3 flex flex-wrap gap-6">
          {fields.map((f) => {
            const [w, h] = documents.find((d) => d.docRef === f.docRef)?.pages[f.page - 1] ?? [595, 842];
            return (
              <figure key={f.id} className="text-center">
                {/* The page outline with the field where the sender placed it (PDF units, origin lower left). */}
                <div
                  className="relative border border-slate-300 bg-slate-50"
                  style={{ width: 180, height: (180 * h) / w }}
                >
                  <button
                    type="button"
                    disabled={!agreementAccepted || f.signed || pending}
                    onClick={() => act(() => signFieldAction({ token, fieldId: f.id }))}
                    aria-label={f.signed ? `${f.label} signed` : `${f.label}: click to sign`}
                    className={`absolute rounded border-2 text-[10px] font-medium ${f.signed ? "border-emerald-600 bg-emerald-100 text-emerald-800" : "border-brand-600 bg-brand-50 text-brand-900 hover:bg-brand-100 disabled:opacity-60"}`}
                    style={{
                      left: `${(f.x / w) * 100}%`,
                      bottom: `${(f.y / h) * 100}%`,
                      width: `${Math.max((f.width / w) * 100, 20)}%`,
                      height: `${Math.max((f.height / h) * 100, 6)}%`,
                    }}
                  >
                    {f.signed ? "Signed" : "Sign here"}
                  </button>
                </div>
                <figcaption className="mt-1 text-xs text-slate-500">Page {f.page}</figcaption>
              </figure>
            );
          })}
        </div>
        {!agreementAccepted ? (
          <p className="mt-2 text-xs text-slate-500">Accept the agreement first, then click each signature field.</p>
        ) : null}
      </section>
      <Button
        type="button"
        disabled={!agreementAccepted || !allSigned || pending}
        onClick={() => act(() => finishAction({ token }))}
      >
        Finish
      </Button>
    </div>
  );
}
