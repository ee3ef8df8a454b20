// GET /api/v6/envelope/<id>/audit-trail[?format=csv|json]: an envelope's audit trail as JSON, or downloaded as a
// CSV or JSON file (its sender, or view_audit; API token or session)
import { getEnvelopeTrail } from "@/lib/audit/envelope-trail";
import { csvHeader, csvLine, toCsvLine } from "@/lib/audit/export";
import { requireEnvelopeReader } from "@/lib/envelopes/require-envelope-reader";
import { route, uuidParams } from "@/lib/http/route";

export const GET = route(
  { auth: "user", permission: ["send_envelopes", "view_audit"], params: uuidParams("id") },
  async ({ ctx, params, request }) => {
    await requireEnvelopeReader(ctx, params.id);
    const trail = await getEnvelopeTrail(ctx.db, params.id);
    const format = new URL(request.url).searchParams.get("format");
    if (format !== "csv" && format !== "json") return trail.json;
    const csv = format === "csv";
    const body = csv
      ? csvLine(csvHeader("Signer")) + trail.rows.map(toCsvLine).join("")
      : JSON.stringify(trail.json, null, 2);
    return new Response(body, {
      headers: {
        "content-type": csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="audit-trail-${params.id}.${format}"`,
      },
    });
  },
);
