// GET /api/v6/envelope/<id>/audit-trail[?format=csv]: an envelope's audit trail as JSON or CSV (its sender, or view_audit; API token or session)
import { getEnvelopeTrail } from "@/lib/audit/envelope-trail";
import { csvHeader, csvLine, toCsvLine } from "@/lib/audit/export";
import { requireEnvelopeReader } from "@/lib/envelopes/require-envelope-reader";
import { route, uuidParams } from "@/lib/http/route";

export const GET = route(
  { auth: "user", permission: ["send_envelopes", "view_audit"], params: uuidParams("id") },
  async ({ ctx, params, request }) => {
    await requireEnvelopeReader(ctx, params.id);
    const trail = await getEnvelopeTrail(ctx.db, params.id);
    if (new URL(request.url).searchParams.get("format") !== "csv") return trail.json;
    const body = csvLine(csvHeader("Signer")) + trail.rows.map(toCsvLine).join("");
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="audit-trail-${params.id}.csv"`,
      },
    });
  },
);
