// GET /api/v6/envelope/<id>/audit-trail[?format=csv]: an envelope's audit trail as JSON or CSV
import { requirePermission } from "@/lib/auth/current-user";
import { getEnvelopeTrail } from "@/lib/audit/envelope-trail";
import { CSV_HEADER, csvLine, toCsvLine } from "@/lib/audit/export";
import { toErrorResponse } from "@/lib/errors";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const ctx = await requirePermission("view_audit");
    const { id } = await params;
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
