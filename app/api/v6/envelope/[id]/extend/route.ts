// POST /api/v6/envelope/<id>/extend: { "ExpiresAt": "<ISO 8601 with offset>" }, in the future, at most 365 days ahead
// → { EnvelopeId, ExpiresAt }; a sent or expired envelope (an expired one is sent again), 409 when completed.
import { readJson } from "@/lib/auth/api-auth";
import { extendEnvelope, ZExtendEnvelopeRequest } from "@/lib/envelopes/sender-actions";
import { toErrorResponse } from "@/lib/errors";
import { requireAnyApi } from "@/lib/users/require-any-api";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const ctx = await requireAnyApi(request, ["send_envelopes"]);
    const input = ZExtendEnvelopeRequest.parse(await readJson(request));
    const seeAll = ctx.permissions.view_audit === "ALLOW";
    return Response.json(await extendEnvelope(ctx, { userId: ctx.user.id, seeAll }, (await params).id, input));
  } catch (err) {
    return toErrorResponse(err);
  }
}
