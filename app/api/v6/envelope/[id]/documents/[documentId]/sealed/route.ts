// GET /api/v6/envelope/<id>/documents/<documentId>/sealed: the sealed PDF of one envelope document
// (documentId = its DocRefNumber); 404 until the envelope is completed, 409 while it is being sealed
import { z } from "zod";
import { pdfResponse } from "@/lib/envelopes/pdf-response";
import { requireEnvelopeReader } from "@/lib/envelopes/require-envelope-reader";
import { route } from "@/lib/http/route";
import { findSealedDocument } from "@/lib/sealing/sealed-documents";

const params = z.object({ id: z.guid(), documentId: z.coerce.number().int().min(1).max(1000) });

export const GET = route(
  { auth: "user", permission: ["send_envelopes", "view_audit"], params },
  async ({ ctx, params }) => {
    await requireEnvelopeReader(ctx, params.id);
    return pdfResponse(await findSealedDocument(ctx.db, params.id, params.documentId));
  },
);
