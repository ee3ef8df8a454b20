import { and, eq } from "drizzle-orm";
import { envelopeDocuments, files, sealedDocuments, sealJobs } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { AppError } from "@/lib/errors";
import { sealedName } from "./seal-envelope";

// Reading the sealed files: a document's (docRef ≥ 1) or the certificate of completion alone
// (docRef 0). The caller has checked who may read the envelope.

export const CERTIFICATE_FILE = "certificate-of-completion.pdf";

/** The sealed PDF; 404 for an unknown document or an envelope that is not completed, 409 while it is being sealed. */
export async function findSealedDocument(
  db: Db | Tx,
  envelopeId: string,
  docRef: number,
): Promise<{ name: string; content: Buffer }> {
  const [sealed] = await db
    .select({ content: sealedDocuments.content })
    .from(sealedDocuments)
    .where(and(eq(sealedDocuments.envelopeId, envelopeId), eq(sealedDocuments.docRef, docRef)));
  const [doc] =
    docRef === 0
      ? [{ name: CERTIFICATE_FILE }]
      : await db
          .select({ name: files.name })
          .from(envelopeDocuments)
          .innerJoin(files, eq(files.id, envelopeDocuments.fileId))
          .where(and(eq(envelopeDocuments.envelopeId, envelopeId), eq(envelopeDocuments.docRef, docRef)));
  if (!doc) throw new AppError("not_found", "The envelope has no document with this id");
  if (sealed) return { name: docRef === 0 ? CERTIFICATE_FILE : sealedName(doc.name), content: sealed.content };
  const [job] = await db.select().from(sealJobs).where(eq(sealJobs.envelopeId, envelopeId));
  if (job?.status === "pending") throw new AppError("conflict", "The document is being sealed: try again in a moment");
  if (job?.status === "failed")
    throw new AppError("conflict", "Sealing this envelope failed; an administrator can see why in the server log");
  throw new AppError("not_found", "Not sealed: a document is sealed once its envelope is completed");
}
