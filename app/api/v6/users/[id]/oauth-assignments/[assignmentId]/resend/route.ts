// POST /api/v6/users/<id>/oauth-assignments/<assignment id>/resend: a new binding link (the old one stops working)
import { resendInvitation } from "@/lib/bindings/change-assignment";
import { requireAssignmentOf } from "@/lib/bindings/list-assignments";
import { route, uuidParams } from "@/lib/http/route";

export const POST = route(
  { auth: "user", self: "id", permission: "manage_users", params: uuidParams("id", "assignmentId") },
  async ({ ctx, params }) => {
    await requireAssignmentOf(ctx.db, params.id, params.assignmentId);
    return resendInvitation(ctx, params.assignmentId);
  },
);
