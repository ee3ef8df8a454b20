// POST /api/v6/envelope/<id>/send: send a saved draft
import { sendDraft } from "@/lib/envelopes/create-envelope";
import { toErrorResponse } from "@/lib/errors";
import { requireAnyApi } from "@/lib/users/require-any-api";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const ctx = await requireAnyApi(request, ["send_envelopes"]);
    const { id } = await params;
    await sendDraft(ctx, { userId: ctx.user.id, email: ctx.user.email, name: ctx.user.name }, id);
    return Response.json({ EnvelopeId: id });
  } catch (err) {
    return toErrorResponse(err);
  }
}
