// GET /api/v6/envelope/<id>: an envelope with its steps, recipients (after Update mappings) and authentication state
// PUT /api/v6/envelope/<id>: replace a draft of one's own (same body as /send and /draft) → { EnvelopeId }
// DELETE /api/v6/envelope/<id>: delete a draft of one's own → 204; a sent envelope is never deleted (409)
import { z } from "zod";
import { deleteDraft } from "@/lib/envelopes/end-envelope";
import { getEnvelope } from "@/lib/envelopes/get-envelope";
import { envelopeViewer, senderOf } from "@/lib/envelopes/require-envelope-reader";
import { ZSendEnvelopeRequest } from "@/lib/envelopes/schema";
import { updateDraft } from "@/lib/envelopes/update-draft";
import { route } from "@/lib/http/route";

const params = z.object({ id: z.string() });

export const GET = route({ auth: "user", permission: ["send_envelopes", "view_audit"], params }, ({ ctx, params }) =>
  getEnvelope(ctx.db, params.id, envelopeViewer(ctx), ctx.config.encryptionKeys),
);

export const PUT = route(
  { auth: "user", permission: "send_envelopes", params, body: ZSendEnvelopeRequest },
  ({ ctx, params, body }) => updateDraft(ctx, senderOf(ctx), params.id, body),
);

export const DELETE = route({ auth: "user", permission: "send_envelopes", params }, async ({ ctx, params }) => {
  await deleteDraft(ctx, { userId: ctx.user.id, seeAll: false }, params.id);
});
