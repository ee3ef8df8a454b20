// GET /api/v6/audit-trail/security-log/verify: recompute the organisation stream's chain
import { requireApi } from "@/lib/auth/api-auth";
import { ORG_STREAM } from "@/lib/audit/events";
import { verifyAuditStream } from "@/lib/audit/verify-stream";
import { toErrorResponse } from "@/lib/errors";

export async function GET(request: Request) {
  try {
    const ctx = await requireApi(request, "view_audit");
    return Response.json(await verifyAuditStream(ctx.db, ORG_STREAM));
  } catch (err) {
    return toErrorResponse(err);
  }
}
