// POST /api/v6/envelope/draft: save an envelope as a draft (same body as /send, nothing is mailed) → { EnvelopeId }
import { readJson } from "@/lib/auth/api-auth";
import { createEnvelope } from "@/lib/envelopes/create-envelope";
import { ZSendEnvelopeRequest } from "@/lib/envelopes/schema";
import { toErrorResponse } from "@/lib/errors";
import { requireAnyApi } from "@/lib/users/require-any-api";

export async function POST(request: Request) {
  try {
    const ctx = await requireAnyApi(request, ["send_envelopes"]);
    const input = ZSendEnvelopeRequest.parse(await readJson(request));
    const created = await createEnvelope(ctx, { userId: ctx.user.id, email: ctx.user.email, name: ctx.user.name }, input, "draft");
    return Response.json(created, { status: 201 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
