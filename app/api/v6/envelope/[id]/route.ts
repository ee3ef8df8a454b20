// GET /api/v6/envelope/<id>: an envelope with its steps, recipients (after Update mappings) and authentication state
// PUT /api/v6/envelope/<id>: replace a draft of one's own (same body as /send and /draft) → { EnvelopeId }
import { readJson } from "@/lib/auth/api-auth";
import { getEnvelope } from "@/lib/envelopes/get-envelope";
import { ZSendEnvelopeRequest } from "@/lib/envelopes/schema";
import { updateDraft } from "@/lib/envelopes/update-draft";
import { toErrorResponse } from "@/lib/errors";
import { requireAnyApi } from "@/lib/users/require-any-api";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const ctx = await requireAnyApi(request, ["send_envelopes", "view_audit"]);
    const seeAll = ctx.permissions.view_audit === "ALLOW";
    return Response.json(await getEnvelope(ctx.db, (await params).id, { userId: ctx.user.id, seeAll }));
  } catch (err) {
    return toErrorResponse(err);
  }
}

export async function PUT(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const ctx = await requireAnyApi(request, ["send_envelopes"]);
    const input = ZSendEnvelopeRequest.parse(await readJson(request));
    return Response.json(await updateDraft(ctx, { userId: ctx.user.id, email: ctx.user.email, name: ctx.user.name }, (await params).id, input));
  } catch (err) {
    return toErrorResponse(err);
  }
}
