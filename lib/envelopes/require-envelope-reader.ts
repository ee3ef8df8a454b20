// Next adapter: who may read an envelope over REST (API token or session): its sender (send_envelopes), or view_audit for every envelope.
import type { ApiCtx } from "@/lib/auth/api-auth";
import { assertEnvelopeVisible } from "@/lib/envelopes/get-envelope";
import { requireAnyApi } from "@/lib/users/require-any-api";

export async function requireEnvelopeReader(request: Request, envelopeId: string): Promise<ApiCtx> {
  const ctx = await requireAnyApi(request, ["send_envelopes", "view_audit"]);
  const seeAll = ctx.permissions.view_audit === "ALLOW";
  await assertEnvelopeVisible(ctx.db, envelopeId, { userId: ctx.user.id, seeAll });
  return ctx;
}
