// POST /api/v6/envelope/<id>/extend: { "ExpiresAt": "<ISO 8601 with offset>" }, in the future, at most 365 days ahead
// → { EnvelopeId, ExpiresAt }; a sent or expired envelope (an expired one is sent again), 409 when completed.
import { z } from "zod";
import { envelopeViewer } from "@/lib/envelopes/require-envelope-reader";
import { extendEnvelope, ZExtendEnvelopeRequest } from "@/lib/envelopes/sender-actions";
import { route } from "@/lib/http/route";

export const POST = route(
  { auth: "user", permission: "send_envelopes", params: z.object({ id: z.string() }), body: ZExtendEnvelopeRequest },
  ({ ctx, params, body }) => extendEnvelope(ctx, envelopeViewer(ctx), params.id, body),
);
