// DELETE /api/v6/users/<id>/sessions/<session id>: end that session (its next request is signed out), audited; the user themselves or manage_users
import { endUserSession } from "@/lib/sessions/end-session";
import { route, uuidParams } from "@/lib/http/route";

export const DELETE = route(
  { auth: "user", self: "id", permission: "manage_users", params: uuidParams("id", "sessionId") },
  async ({ ctx, params }) => {
    await endUserSession(ctx, { userId: params.id, sessionId: params.sessionId });
  },
);
