// POST /api/v6/envelope/<id>/recipients/<recipientId>/resend: a new signing link for a signer who has not signed (the old one stops working), mailed → { RecipientId }
import { resendInvitation } from "@/lib/envelopes/sender-actions";
import { toErrorResponse } from "@/lib/errors";
import { requireAnyApi } from "@/lib/users/require-any-api";

export async function POST(request: Request, { params }: { params: Promise<{ id: string; recipientId: string }> }) {
  try {
    const ctx = await requireAnyApi(request, ["send_envelopes"]);
    const seeAll = ctx.permissions.view_audit === "ALLOW";
    const { id, recipientId } = await params;
    return Response.json(await resendInvitation(ctx, { userId: ctx.user.id, seeAll }, id, recipientId));
  } catch (err) {
    return toErrorResponse(err);
  }
}
