// POST /api/v6/envelope/draft: save an envelope as a draft (same body as /send, nothing is mailed) → { EnvelopeId }
import { createEnvelope } from "@/lib/envelopes/create-envelope";
import { senderOf } from "@/lib/envelopes/require-envelope-reader";
import { ZSendEnvelopeRequest } from "@/lib/envelopes/schema";
import { route } from "@/lib/http/route";

export const POST = route(
  { auth: "user", permission: "send_envelopes", body: ZSendEnvelopeRequest, status: 201 },
  ({ ctx, body }) => createEnvelope(ctx, senderOf(ctx), body, "draft"),
);
