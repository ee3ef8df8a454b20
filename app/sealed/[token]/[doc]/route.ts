// GET /sealed/<token>/<doc>: a sealed document (doc = its DocRefNumber) or, for "certificate", the
// certificate of completion, through a signer's download link from the "Envelope completed" mail
import { z } from "zod";
import { pdfResponse } from "@/lib/envelopes/pdf-response";
import { route } from "@/lib/http/route";
import { findSealedByLink } from "@/lib/sealing/download-links";

const params = z.object({
  token: z.string().max(100),
  doc: z.union([z.literal("certificate").transform(() => 0), z.coerce.number().int().min(1).max(1000)]),
});

export const GET = route({ auth: "public", params }, async ({ ctx, params }) =>
  pdfResponse(await findSealedByLink(ctx.db, params.token, params.doc)),
);
