// POST /api/v6/envelope/<id>/recipients/<recipientId>/unlock: reset the wrong-code count of a recipient locked after too many wrong codes → { RecipientId }
import { unlockRecipient } from "@/lib/envelopes/sender-actions";
import { toErrorResponse } from "@/lib/errors";
import { requireAnyApi } from "@/lib/users/require-any-api";

export async function POST(request: Request, { params }: { params: Promise<{ id: string; recipientId: string }> }) {
  try {
    const ctx = await requireAnyApi(request, ["send_envelopes"]);
    const seeAll = ctx.permissions.view_audit === "ALLOW";
    const { id, recipientId } = await params;
    return Response.json(await unlockRecipient(ctx, { userId: ctx.user.id, seeAll }, id, recipientId));
  } catch (err) {
    return toErrorResponse(err);
  }
}
