// POST /api/v6/envelope/<id>/recipients/<recipientId>/unlock: reset the wrong-code count of a recipient locked after too many wrong codes → { RecipientId }
import { z } from "zod";
import { envelopeViewer } from "@/lib/envelopes/require-envelope-reader";
import { unlockRecipient } from "@/lib/envelopes/sender-actions";
import { route } from "@/lib/http/route";

export const POST = route(
  { auth: "user", permission: "send_envelopes", params: z.object({ id: z.string(), recipientId: z.string() }) },
  ({ ctx, params }) => unlockRecipient(ctx, envelopeViewer(ctx), params.id, params.recipientId),
);
