// GET /api/v6/users: search, sort and page the users; POST: create a user (ADD NEW USER)
import { readJson, requireApi } from "@/lib/auth/api-auth";
import { toErrorResponse } from "@/lib/errors";
import { createUser } from "@/lib/users/create-user";
import { listUsers } from "@/lib/users/list-users";
import { requireAnyApi } from "@/lib/users/require-any-api";

export async function GET(request: Request) {
  try {
    const ctx = await requireAnyApi(request, ["view_users", "manage_users"]);
    const params = new URL(request.url).searchParams;
    return Response.json(await listUsers(ctx, Object.fromEntries(params)));
  } catch (err) {
    return toErrorResponse(err);
  }
}

export async function POST(request: Request) {
  try {
    const ctx = await requireApi(request, "manage_users");
    return Response.json(await createUser(ctx, (await readJson(request)) as never), { status: 201 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
