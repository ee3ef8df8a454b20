// GET /api/v6/envelope/<id>/audit-trail[?format=csv]: an envelope's audit trail as JSON or CSV (its sender, or view_audit; API token or session)
import { getEnvelopeTrail } from "@/lib/audit/envelope-trail";
import { CSV_HEADER, csvLine, toCsvLine } from "@/lib/audit/export";
import { requireEnvelopeReader } from "@/lib/envelopes/require-envelope-reader";
import { toErrorResponse } from "@/lib/errors";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const ctx = await requireEnvelopeReader(request, id);
    const trail = await getEnvelopeTrail(ctx.db, id);
    if (new URL(request.url).searchParams.get("format") === "csv") {
      const body = csvLine(CSV_HEADER) + trail.rows.map(toCsvLine).join("");
      return new Response(body, {
        headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="audit-trail-${id}.csv"` },
      });
    }
    return Response.json(trail.json);
  } catch (err) {
    return toErrorResponse(err);
  }
}
