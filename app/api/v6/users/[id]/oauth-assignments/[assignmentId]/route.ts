// DELETE /api/v6/users/<id>/oauth-assignments/<assignment id>: remove (invalidate, end its sessions, mail the notice)
import { requireApiForUser } from "@/lib/auth/api-auth";
import { removeAssignment } from "@/lib/bindings/change-assignment";
import { listAssignments } from "@/lib/bindings/list-assignments";
import { AppError, toErrorResponse } from "@/lib/errors";

export async function DELETE(request: Request, { params }: { params: Promise<{ id: string; assignmentId: string }> }) {
  try {
    const { id, assignmentId } = await params;
    const ctx = await requireApiForUser(request, id, "manage_users");
    if (!/^[0-9a-f-]{36}$/i.test(id) || !(await listAssignments(ctx.db, id)).some((a) => a.id === assignmentId)) throw new AppError("not_found", "No such assignment");
    await removeAssignment(ctx, assignmentId);
    return new Response(null, { status: 204 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
