// GET/PUT/DELETE /api/v6/roles/<id>: read, replace (name, description, every permission) or delete one role
import { readJson, requireApi } from "@/lib/auth/api-auth";
import { toErrorResponse } from "@/lib/errors";
import { deleteRole } from "@/lib/users/delete-role";
import { getRole } from "@/lib/users/role-json";
import { updateRole } from "@/lib/users/update-role";

type Params = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Params) {
  try {
    const ctx = await requireApi(request, "manage_roles");
    return Response.json(await getRole(ctx, (await params).id));
  } catch (err) {
    return toErrorResponse(err);
  }
}

export async function PUT(request: Request, { params }: Params) {
  try {
    const ctx = await requireApi(request, "manage_roles");
    return Response.json(await updateRole(ctx, (await params).id, (await readJson(request)) as never));
  } catch (err) {
    return toErrorResponse(err);
  }
}

export async function DELETE(request: Request, { params }: Params) {
  try {
    const ctx = await requireApi(request, "manage_roles");
    await deleteRole(ctx, (await params).id);
    return new Response(null, { status: 204 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
