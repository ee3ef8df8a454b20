// GET /api/v6/envelope/<id>/certificate.pdf: the certificate of completion alone, sealed;
// 404 until the envelope is completed, 409 while it is being sealed
import { pdfResponse } from "@/lib/envelopes/pdf-response";
import { requireEnvelopeReader } from "@/lib/envelopes/require-envelope-reader";
import { route, uuidParams } from "@/lib/http/route";
import { findSealedDocument } from "@/lib/sealing/sealed-documents";

export const GET = route(
  { auth: "user", permission: ["send_envelopes", "view_audit"], params: uuidParams("id") },
  async ({ ctx, params }) => {
    await requireEnvelopeReader(ctx, params.id);
    return pdfResponse(await findSealedDocument(ctx.db, params.id, 0));
  },
);
