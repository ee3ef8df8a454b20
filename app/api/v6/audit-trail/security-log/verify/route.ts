// GET /api/v6/audit-trail/security-log/verify: recompute the organisation stream's chain
import { ORG_STREAM } from "@/lib/audit/events";
import { verifyAuditStream } from "@/lib/audit/verify-stream";
import { route } from "@/lib/http/route";

export const GET = route({ auth: "user", permission: "view_audit" }, ({ ctx }) =>
  verifyAuditStream(ctx.db, ORG_STREAM),
);
