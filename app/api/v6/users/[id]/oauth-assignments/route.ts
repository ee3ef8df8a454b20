// GET /api/v6/users/<id>/oauth-assignments: a user's assignments; POST { providerId }: invite (emails the binding link).
// The user themselves may do both (Settings → Account); for anyone else it takes view_users / manage_users.
import { z } from "zod";
import { inviteUser } from "@/lib/bindings/invite-user";
import { listAssignments } from "@/lib/bindings/list-assignments";
import { route, uuidParams } from "@/lib/http/route";

const params = uuidParams("id");
const ZInvite = z.object({ providerId: z.string().uuid("Choose a provider") });

export const GET = route({ auth: "user", self: "id", permission: "view_users", params }, async ({ ctx, params }) => ({
  items: await listAssignments(ctx.db, params.id),
}));

export const POST = route(
  { auth: "user", self: "id", permission: "manage_users", params, body: ZInvite, status: 201 },
  ({ ctx, params, body }) => inviteUser(ctx, { userId: params.id, providerId: body.providerId }),
);
