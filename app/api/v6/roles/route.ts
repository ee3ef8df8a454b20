// GET /api/v6/roles: every role with its permissions (also for the users screens); POST: create a role
import { readJson, requireApi } from "@/lib/auth/api-auth";
import { toErrorResponse } from "@/lib/errors";
import { createRole } from "@/lib/users/create-role";
import { requireAnyApi } from "@/lib/users/require-any-api";
import { listRoles } from "@/lib/users/role-json";

export async function GET(request: Request) {
  try {
    // The Users table shows role names and the user editor previews their permissions.
    const ctx = await requireAnyApi(request, ["manage_roles", "manage_users", "view_users"]);
    return Response.json({ items: await listRoles(ctx) });
  } catch (err) {
    return toErrorResponse(err);
  }
}

export async function POST(request: Request) {
  try {
    const ctx = await requireApi(request, "manage_roles");
    return Response.json(await createRole(ctx, (await readJson(request)) as never), { status: 201 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
