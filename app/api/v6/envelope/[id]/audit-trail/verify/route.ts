// GET /api/v6/envelope/<id>/audit-trail/verify: recompute the envelope's chain, name the first broken row
import { getEnvelopeTrail } from "@/lib/audit/envelope-trail";
import { requireEnvelopeReader } from "@/lib/envelopes/require-envelope-reader";
import { toErrorResponse } from "@/lib/errors";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const ctx = await requireEnvelopeReader(request, id);
    return Response.json((await getEnvelopeTrail(ctx.db, id)).verification);
  } catch (err) {
    return toErrorResponse(err);
  }
}
