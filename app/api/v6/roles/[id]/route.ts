// GET/PUT/DELETE /api/v6/roles/<id>: read, replace (name, description, every permission) or delete one role
import { z } from "zod";
import { route } from "@/lib/http/route";
import { deleteRole } from "@/lib/users/delete-role";
import { getRole } from "@/lib/users/role-json";
import { ZRoleInput } from "@/lib/users/schema";
import { updateRole } from "@/lib/users/update-role";

const params = z.object({ id: z.string() });

export const GET = route({ auth: "user", permission: "manage_roles", params }, ({ ctx, params }) =>
  getRole(ctx, params.id),
);

export const PUT = route(
  { auth: "user", permission: "manage_roles", params, body: ZRoleInput },
  ({ ctx, params, body }) => updateRole(ctx, params.id, body),
);

export const DELETE = route({ auth: "user", permission: "manage_roles", params }, async ({ ctx, params }) => {
  await deleteRole(ctx, params.id);
});
