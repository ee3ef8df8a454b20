import { and, asc, eq, gt } from "drizzle-orm";
import { envelopeDocuments, envelopes, files, sealedDocuments, sealedDownloadLinks } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { hashLinkToken, isLinkTokenShape } from "@/lib/bindings/link-token";
import { AppError } from "@/lib/errors";
import { findSealedDocument } from "./sealed-documents";

// A signer's link to the sealed documents (mailed with "Envelope completed"): valid for one
// envelope and one recipient until it expires; only its sha256 is stored.

export type SealedLinkView = {
  envelopeName: string;
  documents: { docRef: number; name: string; sealed: boolean }[];
  certificateSealed: boolean;
  expiresAt: Date;
};

async function envelopeOfLink(db: Db | Tx, token: string): Promise<{ envelopeId: string; expiresAt: Date } | null> {
  if (!isLinkTokenShape(token)) return null;
  const [link] = await db
    .select({ envelopeId: sealedDownloadLinks.envelopeId, expiresAt: sealedDownloadLinks.expiresAt })
    .from(sealedDownloadLinks)
    .where(and(eq(sealedDownloadLinks.tokenHash, hashLinkToken(token)), gt(sealedDownloadLinks.expiresAt, new Date())));
  return link ?? null;
}

/** What the link offers, or null for an unknown or expired link. */
export async function openSealedLink(db: Db | Tx, token: string): Promise<SealedLinkView | null> {
  const link = await envelopeOfLink(db, token);
  if (!link) return null;
  const [[e], docs, sealed] = await Promise.all([
    db.select({ name: envelopes.name }).from(envelopes).where(eq(envelopes.id, link.envelopeId)),
    db
      .select({ docRef: envelopeDocuments.docRef, name: files.name })
      .from(envelopeDocuments)
      .innerJoin(files, eq(files.id, envelopeDocuments.fileId))
      .where(eq(envelopeDocuments.envelopeId, link.envelopeId))
      .orderBy(asc(envelopeDocuments.docRef)),
    db
      .select({ docRef: sealedDocuments.docRef })
      .from(sealedDocuments)
      .where(eq(sealedDocuments.envelopeId, link.envelopeId)),
  ]);
  if (!e) return null;
  const done = new Set(sealed.map((s) => s.docRef));
  return {
    envelopeName: e.name,
    documents: docs.map((d) => ({ ...d, sealed: done.has(d.docRef) })),
    certificateSealed: done.has(0),
    expiresAt: link.expiresAt,
  };
}

/** One sealed file through a signer's link (docRef 0: the certificate); 404 for a bad link, 409 while sealing. */
export async function findSealedByLink(db: Db | Tx, token: string, docRef: number) {
  const link = await envelopeOfLink(db, token);
  if (!link) throw new AppError("not_found", "This download link is not valid or has expired");
  return findSealedDocument(db, link.envelopeId, docRef);
}
