"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { acceptAgreementAction, finishAction, signFieldAction } from "@/app/sign/[token]/actions";
import type { ActionResult } from "@/lib/http/action";
import { pdfRectToPercent } from "@/components/pdf/geometry";
import { PdfPage } from "@/components/pdf/pdf-page";
import { usePdfDocument } from "@/components/pdf/use-pdf-document";
import { useWidth } from "@/components/pdf/use-width";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SignatureDialog, type SignatureInput, type SignatureType } from "./signature-dialog";

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
  allowed: SignatureType[];
};
type PanelDocument = { docRef: number; name: string; pages: [number, number][] };
type Props = {
  token: string;
  documents: PanelDocument[];
  fields: PanelField[];
  agreementAccepted: boolean;
  /** The agreement in the signer's language (lib/envelopes/agreements.ts). */
  agreement?: { heading: string; text: string };
  signerName: string;
};

const onlyClick = (f: PanelField) => f.allowed.length === 1 && f.allowed[0] === "Click2Sign";

/** One document's pages as pdf.js draws them, with this signer's fields where the sender put them. */
function SigningDocument({
  token,
  document: d,
  fields,
  canSign,
  pending,
  onField,
}: {
  token: string;
  document: PanelDocument;
  fields: PanelField[];
  canSign: boolean;
  pending: boolean;
  onField: (f: PanelField) => void;
}) {
  const pdf = usePdfDocument(`/sign/${token}/document/${d.docRef}`);
  const [holder, width] = useWidth<HTMLDivElement>(720, 820);
  const count = pdf.doc?.numPages ?? d.pages.length;
  return (
    <section aria-label={`Document: ${d.name}`} className="rounded-lg border border-slate-200 bg-slate-50 p-4">
      <h2 className="mb-2 text-sm font-medium text-slate-800">{d.name}</h2>
      {pdf.error ? <Alert tone="error">{pdf.error}</Alert> : null}
      <div ref={holder} className="flex flex-col items-center gap-4">
        {Array.from({ length: count }, (_, i) => {
          const [w, h] = d.pages[i] ?? d.pages[0] ?? [595, 842];
          return (
            <PdfPage
              key={i}
              doc={pdf.doc}
              pageNumber={i + 1}
              width={width}
              fallback={{ x0: 0, y0: 0, width: w, height: h }}
              label={`${d.name}, page ${i + 1} of ${count}`}
            >
              {(size) =>
                fields
                  .filter((f) => f.page === i + 1)
                  .map((f) => (
                    <button
                      key={f.id}
                      type="button"
                      disabled={!canSign || f.signed || pending}
                      onClick={() => onField(f)}
                      aria-label={
                        f.signed
                          ? `${f.label} signed`
                          : onlyClick(f)
                            ? `${f.label}: click to sign`
                            : `${f.label}: sign (${f.allowed.map((t) => (t === "Click2Sign" ? "click" : t.toLowerCase())).join(", ")})`
                      }
                      className={`absolute flex items-center justify-center rounded border-2 text-xs font-medium ${f.signed ? "border-emerald-600 bg-emerald-100/80 text-emerald-800" : "border-brand-600 bg-brand-50/80 text-brand-900 hover:bg-brand-100 disabled:opacity-60"}`}
                      style={pdfRectToPercent(size, f)}
                    >
                      {f.signed ? "Signed" : "Sign here"}
                    </button>
                  ))
              }
            </PdfPage>
          );
        })}
      </div>
    </section>
  );
}

/** After authentication: the rendered documents with the fields in place, the agreement, signing each field, finish. */
export function SigningPanel({ token, documents, fields, agreementAccepted, agreement, signerName }: Props) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  // Ticked at once; the server's answer (refresh) confirms it, an error unticks it.
  const [accepted, setAccepted] = useState(agreementAccepted);
  const [open, setOpen] = useState<PanelField | null>(null);
  const act = (fn: () => Promise<ActionResult<unknown>>, after?: (ok: boolean) => void) =>
    start(async () => {
      const result = await fn();
      setMessage(result.ok ? null : result.message);
      after?.(result.ok);
      router.refresh();
    });
  const sign = (f: PanelField, signature: SignatureInput) =>
    act(
      () => signFieldAction({ token, fieldId: f.id, signature }),
      (ok) => ok && setOpen(null),
    );
  const allSigned = fields.every((f) => f.signed);
  // Nothing is offered for signing before the agreement (the server refuses it too).
  const canSign = agreementAccepted;
  return (
    <div className="space-y-6">
      {documents.map((d) => (
        <SigningDocument
          key={d.docRef}
          token={token}
          document={d}
          fields={fields.filter((f) => f.docRef === d.docRef)}
          canSign={canSign}
          pending={pending}
          onField={(f) => (onlyClick(f) ? sign(f, { type: "Click2Sign" }) : setOpen(f))}
        />
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
        <ul className="mt-2 space-y-1 text-sm text-slate-700">
          {fields.map((f) => (
            <li key={f.id}>
              {f.label}, {documents.length > 1 ? `${documents.find((d) => d.docRef === f.docRef)?.name}, ` : ""}
              page {f.page}: {f.signed ? "signed" : "not signed yet"}
            </li>
          ))}
        </ul>
        {!agreementAccepted ? (
          <p className="mt-2 text-xs text-slate-500">
            Accept the agreement first, then sign each field where it is on the page.
          </p>
        ) : null}
      </section>
      {open ? (
        <SignatureDialog
          open
          onOpenChange={(o) => !o && setOpen(null)}
          fieldLabel={open.label}
          allowed={open.allowed}
          defaultName={signerName}
          pending={pending}
          onSign={(signature) => sign(open, signature)}
        />
      ) : null}
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
