// GET /api/v6/envelope/<id>/audit-trail/verify: recompute the envelope's chain, name the first broken row
import { requirePermission } from "@/lib/auth/current-user";
import { getEnvelopeTrail } from "@/lib/audit/envelope-trail";
import { toErrorResponse } from "@/lib/errors";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const ctx = await requirePermission("view_audit");
    const { id } = await params;
    return Response.json((await getEnvelopeTrail(ctx.db, id)).verification);
  } catch (err) {
    return toErrorResponse(err);
  }
}
