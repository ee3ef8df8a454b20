// GET /api/v6/roles: every role with its permissions (also for the users screens); POST: create a role
import { route } from "@/lib/http/route";
import { createRole } from "@/lib/users/create-role";
import { listRoles } from "@/lib/users/role-json";
import { ZRoleInput } from "@/lib/users/schema";

// The Users table shows role names and the user editor previews their permissions.
export const GET = route(
  { auth: "user", permission: ["manage_roles", "manage_users", "view_users"] },
  async ({ ctx }) => ({ items: await listRoles(ctx) }),
);

export const POST = route(
  { auth: "user", permission: "manage_roles", body: ZRoleInput, status: 201 },
  ({ ctx, body }) => createRole(ctx, body),
);
