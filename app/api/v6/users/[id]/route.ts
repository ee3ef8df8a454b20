// GET/PUT/PATCH /api/v6/users/<id>: read one user, replace their settings, or only enable/disable them
import { readJson, requireApi } from "@/lib/auth/api-auth";
import { toErrorResponse } from "@/lib/errors";
import { getUser } from "@/lib/users/get-user";
import { requireAnyApi } from "@/lib/users/require-any-api";
import { ZSetUserEnabled } from "@/lib/users/schema";
import { setUserEnabled } from "@/lib/users/set-user-enabled";
import { updateUser } from "@/lib/users/update-user";

type Params = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Params) {
  try {
    const ctx = await requireAnyApi(request, ["view_users", "manage_users"]);
    return Response.json(await getUser(ctx, (await params).id));
  } catch (err) {
    return toErrorResponse(err);
  }
}

export async function PUT(request: Request, { params }: Params) {
  try {
    const ctx = await requireApi(request, "manage_users");
    return Response.json(await updateUser(ctx, (await params).id, (await readJson(request)) as never));
  } catch (err) {
    return toErrorResponse(err);
  }
}

export async function PATCH(request: Request, { params }: Params) {
  try {
    const ctx = await requireApi(request, "manage_users");
    const { enabled } = ZSetUserEnabled.parse(await readJson(request));
    return Response.json(await setUserEnabled(ctx, (await params).id, enabled));
  } catch (err) {
    return toErrorResponse(err);
  }
}
