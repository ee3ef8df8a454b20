// GET /api/v6/envelope/<id>/audit-trail/verify: recompute the envelope's chain, name the first broken row
import { getEnvelopeTrail } from "@/lib/audit/envelope-trail";
import { requireEnvelopeReader } from "@/lib/envelopes/require-envelope-reader";
import { route, uuidParams } from "@/lib/http/route";

export const GET = route(
  { auth: "user", permission: ["send_envelopes", "view_audit"], params: uuidParams("id") },
  async ({ ctx, params }) => {
    await requireEnvelopeReader(ctx, params.id);
    return (await getEnvelopeTrail(ctx.db, params.id)).verification;
  },
);
