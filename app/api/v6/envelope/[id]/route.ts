// GET /api/v6/envelope/<id>: an envelope with its steps, recipients (after Update mappings) and authentication state
import { getEnvelope } from "@/lib/envelopes/get-envelope";
import { toErrorResponse } from "@/lib/errors";
import { loadUserPermissions } from "@/lib/users/permissions";
import { requireAnyApi } from "@/lib/users/require-any-api";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const ctx = await requireAnyApi(request, ["send_envelopes", "view_audit"]);
    const seeAll = (await loadUserPermissions(ctx.db, ctx.user.id)).view_audit === "ALLOW";
    return Response.json(await getEnvelope(ctx.db, (await params).id, { userId: ctx.user.id, seeAll }));
  } catch (err) {
    return toErrorResponse(err);
  }
}
