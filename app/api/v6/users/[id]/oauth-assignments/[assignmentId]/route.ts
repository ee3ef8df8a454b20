// DELETE /api/v6/users/<id>/oauth-assignments/<assignment id>: remove (invalidate, end its sessions, mail the notice)
import { removeAssignment } from "@/lib/bindings/change-assignment";
import { requireAssignmentOf } from "@/lib/bindings/list-assignments";
import { route, uuidParams } from "@/lib/http/route";

export const DELETE = route(
  { auth: "user", self: "id", permission: "manage_users", params: uuidParams("id", "assignmentId") },
  async ({ ctx, params }) => {
    await requireAssignmentOf(ctx.db, params.id, params.assignmentId);
    await removeAssignment(ctx, params.assignmentId);
  },
);
