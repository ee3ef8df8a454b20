import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { pageCtx } from "@/lib/http/page-ctx";
import { openSealedLink } from "@/lib/sealing/download-links";
import { When } from "@/components/ui/when";

export const metadata: Metadata = { title: "Sealed documents", referrer: "same-origin" };
export const dynamic = "force-dynamic";

const link = "rounded-md border border-slate-300 bg-white px-3 py-2 text-xs font-medium uppercase";

/** A signer's download link from the "Envelope completed" mail: the sealed documents and the certificate of completion. */
export default async function SealedPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const ctx = await pageCtx();
  const view = await openSealedLink(ctx.db, token);
  return (
    <main className="mx-auto max-w-3xl px-4 py-10">
      {!view ? (
        <Alert tone="error">This download link is not valid or has expired. Ask the sender for the documents.</Alert>
      ) : (
        <>
          <h1 className="mb-2 text-2xl font-semibold [overflow-wrap:anywhere] text-brand-900">{view.envelopeName}</h1>
          <p className="mb-6 text-sm text-slate-600">
            Sealed documents: any change to a file after sealing makes its seal invalid. This link works until{" "}
            <When value={view.expiresAt} />.
          </p>
          {!view.certificateSealed ? (
            <Alert tone="info">The sealed documents are being made: reload this page in a moment.</Alert>
          ) : (
            <ul className="space-y-3">
              {view.documents.map((d) => (
                <li key={d.docRef} className="flex items-center gap-3 text-sm">
                  <a className={link} href={`/sealed/${token}/${d.docRef}`} download>
                    Download sealed PDF
                  </a>
                  <span>{d.name}</span>
                </li>
              ))}
              <li className="flex items-center gap-3 text-sm">
                <a className={link} href={`/sealed/${token}/certificate`} download>
                  Certificate of completion
                </a>
              </li>
            </ul>
          )}
        </>
      )}
    </main>
  );
}
