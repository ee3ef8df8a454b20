// GET /sign/<token>/document/<docRef>: the envelope's PDF, for the signer once authenticated in this browser
import { and, eq } from "drizzle-orm";
import { cookies } from "next/headers";
import { getDb } from "@/db";
import { envelopeDocuments, files } from "@/db/schema";
import { findSigning } from "@/lib/envelopes/find-signing";
import { pdfResponse } from "@/lib/envelopes/pdf-response";
import { SIGNER_COOKIE } from "@/lib/envelopes/signer-cookies";

export async function GET(_request: Request, { params }: { params: Promise<{ token: string; doc: string }> }) {
  const { token, doc } = await params;
  const db = await getDb();
  const view = await findSigning(db, token, (await cookies()).get(SIGNER_COOKIE)?.value);
  if (!view.ok || !view.authenticated || view.recipient.status === "signed") return new Response("Not available", { status: 404 });
  const [file] = await db
    .select({ content: files.content, name: files.name })
    .from(envelopeDocuments)
    .innerJoin(files, eq(files.id, envelopeDocuments.fileId))
    .where(and(eq(envelopeDocuments.envelopeId, view.envelope.id), eq(envelopeDocuments.docRef, Number(doc) || 0)));
  return file ? pdfResponse(file) : new Response("Not available", { status: 404 });
}
