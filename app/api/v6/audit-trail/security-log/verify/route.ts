// GET /api/v6/audit-trail/security-log/verify: recompute the organisation stream's chain
import { requirePermission } from "@/lib/auth/current-user";
import { ORG_STREAM } from "@/lib/audit/events";
import { verifyAuditStream } from "@/lib/audit/verify-stream";
import { toErrorResponse } from "@/lib/errors";

export async function GET() {
  try {
    const ctx = await requirePermission("view_audit");
    return Response.json(await verifyAuditStream(ctx.db, ORG_STREAM));
  } catch (err) {
    return toErrorResponse(err);
  }
}
