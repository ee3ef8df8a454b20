// GET /api/v6/users/<id>/sessions: the user's live sessions (device, IP, started, last seen); the user themselves or view_users
import { listUserSessions } from "@/lib/sessions/list-sessions";
import { route, uuidParams } from "@/lib/http/route";

export const GET = route(
  { auth: "user", self: "id", permission: "view_users", params: uuidParams("id") },
  async ({ ctx, params }) => ({
    items: await listUserSessions(ctx.db, params.id),
  }),
);
