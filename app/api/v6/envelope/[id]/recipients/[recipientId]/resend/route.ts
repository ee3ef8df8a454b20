// POST /api/v6/envelope/<id>/recipients/<recipientId>/resend: a new signing link for a signer who has not signed (the old one stops working), mailed → { RecipientId }
import { z } from "zod";
import { envelopeViewer } from "@/lib/envelopes/require-envelope-reader";
import { resendInvitation } from "@/lib/envelopes/sender-actions";
import { route } from "@/lib/http/route";

export const POST = route(
  { auth: "user", permission: "send_envelopes", params: z.object({ id: z.string(), recipientId: z.string() }) },
  ({ ctx, params }) => resendInvitation(ctx, envelopeViewer(ctx), params.id, params.recipientId),
);
