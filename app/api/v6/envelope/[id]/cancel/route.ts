// POST /api/v6/envelope/<id>/cancel: { "Reason": "…" } → { EnvelopeId, Status: "canceled" }; a sent or expired envelope,
// 409 when it is a draft (delete it), completed, rejected or already canceled.
import { z } from "zod";
import { cancelEnvelope, ZReasonRequest } from "@/lib/envelopes/end-envelope";
import { envelopeViewer } from "@/lib/envelopes/require-envelope-reader";
import { route } from "@/lib/http/route";

export const POST = route(
  { auth: "user", permission: "send_envelopes", params: z.object({ id: z.string() }), body: ZReasonRequest },
  ({ ctx, params, body }) => cancelEnvelope(ctx, envelopeViewer(ctx), params.id, body),
);
