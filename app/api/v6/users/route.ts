// GET /api/v6/users: search, sort and page the users; POST: create a user (ADD NEW USER)
import { route } from "@/lib/http/route";
import { createUser } from "@/lib/users/create-user";
import { listUsers } from "@/lib/users/list-users";
import { ZCreateUserInput } from "@/lib/users/schema";

export const GET = route({ auth: "user", permission: ["view_users", "manage_users"] }, ({ ctx, request }) =>
  listUsers(ctx, Object.fromEntries(new URL(request.url).searchParams)),
);

export const POST = route(
  { auth: "user", permission: "manage_users", body: ZCreateUserInput, status: 201 },
  ({ ctx, body }) => createUser(ctx, body),
);
