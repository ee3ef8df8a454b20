import type { EnvelopeJson } from "@/lib/envelopes/get-envelope";

const link = "rounded-md border border-slate-300 bg-white px-3 py-2 text-xs font-medium uppercase";

/** A completed envelope's sealed PDFs (one per document) and its certificate of completion, or that they are being made. */
export function SealedDownloads({ envelope }: { envelope: EnvelopeJson }) {
  if (envelope.Status !== "completed") return null;
  const base = `/api/v6/envelope/${envelope.EnvelopeId}`;
  if (!envelope.CertificateSha256)
    return (
      <p className="text-sm text-slate-600" role="status">
        The sealed documents are being made: reload in a moment.
      </p>
    );
  return (
    <section aria-labelledby="sealed-heading" className="space-y-2">
      <h2 id="sealed-heading" className="text-sm font-semibold text-slate-800">
        Sealed documents
      </h2>
      <ul className="space-y-2">
        {envelope.Documents.map((d) =>
          d.SealedSha256 ? (
            <li key={d.DocumentId} className="flex flex-wrap items-center gap-3 text-sm">
              <a className={link} href={`${base}/documents/${d.DocumentId}/sealed`} download>
                Download sealed PDF
              </a>
              <span>{d.FileName}</span>
              <span className="font-mono text-xs break-all text-slate-500">SHA-256 {d.SealedSha256}</span>
            </li>
          ) : null,
        )}
        <li className="flex flex-wrap items-center gap-3 text-sm">
          <a className={link} href={`${base}/certificate.pdf`} download>
            Certificate of completion
          </a>
          <span className="font-mono text-xs break-all text-slate-500">SHA-256 {envelope.CertificateSha256}</span>
        </li>
      </ul>
    </section>
  );
}
