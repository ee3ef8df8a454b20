// POST /api/v6/envelope/send: create and send an envelope (the seed's SspFileIds + SendEnvelopeDescription) → { EnvelopeId }
import { createEnvelope } from "@/lib/envelopes/create-envelope";
import { senderOf } from "@/lib/envelopes/require-envelope-reader";
import { ZSendEnvelopeRequest } from "@/lib/envelopes/schema";
import { route } from "@/lib/http/route";

export const POST = route(
  { auth: "user", permission: "send_envelopes", body: ZSendEnvelopeRequest, status: 201 },
  ({ ctx, body }) => createEnvelope(ctx, senderOf(ctx), body, "send"),
);
