// GET/PUT/PATCH /api/v6/users/<id>: read one user, replace their settings, or only enable/disable them
import { route } from "@/lib/http/route";
import { getUser } from "@/lib/users/get-user";
import { ZSetUserEnabled, ZUpdateUserInput } from "@/lib/users/schema";
import { setUserEnabled } from "@/lib/users/set-user-enabled";
import { updateUser } from "@/lib/users/update-user";
import { z } from "zod";

const params = z.object({ id: z.string() });

export const GET = route({ auth: "user", permission: ["view_users", "manage_users"], params }, ({ ctx, params }) =>
  getUser(ctx, params.id),
);

export const PUT = route(
  { auth: "user", permission: "manage_users", params, body: ZUpdateUserInput },
  ({ ctx, params, body }) => updateUser(ctx, params.id, body),
);

export const PATCH = route(
  { auth: "user", permission: "manage_users", params, body: ZSetUserEnabled },
  ({ ctx, params, body }) => setUserEnabled(ctx, params.id, body.enabled),
);
