import { createHash } from "node:crypto";
import { PDFDocument } from "pdf-lib";
import { appendCertificate, CERTIFICATE_TITLE } from "./certificate";
import type { SealEvidence } from "./evidence";
import { sealPdf } from "./pades";
import { fontCache } from "./pdf-text";
import type { SealKey } from "./seal-key";
import { stampField } from "./stamp";

export type SealedOutput = {
  docRef: number;
  name: string;
  bytes: Buffer;
  sha256: string;
  originalSha256: string | null;
};

export const sha256Hex = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** The sealed file's name: "contract.pdf" → "contract (sealed).pdf". */
export const sealedName = (name: string) => `${name.replace(/\.pdf$/i, "")} (sealed).pdf`;

/**
 * One sealed PDF per envelope document (each signed field stamped, the certificate of completion
 * appended, the whole file sealed) and the certificate alone, sealed too, as docRef 0.
 * Pure: reads nothing but its arguments, so the bench and the tests call it as the worker does.
 */
export async function sealEnvelope(
  ev: SealEvidence,
  seal: { key: SealKey; sealedAt: Date; instance: string },
): Promise<SealedOutput[]> {
  const recipients = new Map(ev.recipients.map((r) => [r.id, r]));
  const out: SealedOutput[] = [];
  for (const d of ev.documents) {
    const doc = await PDFDocument.load(d.content, { updateMetadata: false });
    const font = fontCache(doc);
    for (const f of ev.fields.filter((f) => f.docRef === d.docRef && f.signedAt)) {
      const r = recipients.get(f.recipientId);
      if (r) await stampField(doc, font, f, r, ev.envelope.id);
    }
    await appendCertificate(doc, ev, seal);
    const bytes = await sealPdf(doc, seal.key, { location: seal.instance, signingTime: seal.sealedAt });
    out.push({ docRef: d.docRef, name: sealedName(d.name), bytes, sha256: sha256Hex(bytes), originalSha256: d.sha256 });
  }
  const certificate = await PDFDocument.create();
  certificate.setTitle(`${CERTIFICATE_TITLE}: ${ev.envelope.name}`);
  await appendCertificate(certificate, ev, seal);
  const bytes = await sealPdf(certificate, seal.key, { location: seal.instance, signingTime: seal.sealedAt });
  out.push({ docRef: 0, name: "certificate.pdf", bytes, sha256: sha256Hex(bytes), originalSha256: null });
  return out;
}
