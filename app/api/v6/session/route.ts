// GET /api/v6/session: the signed-in user and their effective permissions
import { requirePermission } from "@/lib/auth/current-user";
import { toErrorResponse } from "@/lib/errors";
import { loadUserPermissions } from "@/lib/users/permissions";

export async function GET() {
  try {
    const ctx = await requirePermission(null);
    const permissions = await loadUserPermissions(ctx.db, ctx.user.id);
    return Response.json({ user: ctx.user, permissions });
  } catch (err) {
    return toErrorResponse(err);
  }
}
