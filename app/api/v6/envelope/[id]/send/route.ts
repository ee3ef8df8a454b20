// POST /api/v6/envelope/<id>/send: send a saved draft
import { z } from "zod";
import { sendDraft } from "@/lib/envelopes/create-envelope";
import { senderOf } from "@/lib/envelopes/require-envelope-reader";
import { route } from "@/lib/http/route";

export const POST = route(
  { auth: "user", permission: "send_envelopes", params: z.object({ id: z.string() }) },
  async ({ ctx, params }) => {
    await sendDraft(ctx, senderOf(ctx), params.id);
    return { EnvelopeId: params.id };
  },
);
