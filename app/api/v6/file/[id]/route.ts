// GET /api/v6/file/<id>: an uploaded PDF, for the one who uploaded it (designer preview)
import { findOwnFile } from "@/lib/envelopes/store-file";
import { pdfResponse } from "@/lib/envelopes/pdf-response";
import { route, uuidParams } from "@/lib/http/route";

export const GET = route(
  { auth: "user", permission: "send_envelopes", params: uuidParams("id") },
  async ({ ctx, params }) => pdfResponse(await findOwnFile(ctx.db, ctx.user.id, params.id)),
);
