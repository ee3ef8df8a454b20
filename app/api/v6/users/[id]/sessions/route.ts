// GET /api/v6/users/<id>/sessions: the user's live sessions (device, IP, started, last seen); the user themselves or view_users
import { z } from "zod";
import { requireApiForUser } from "@/lib/auth/api-auth";
import { listUserSessions } from "@/lib/auth/list-sessions";
import { toErrorResponse } from "@/lib/errors";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const ctx = await requireApiForUser(request, id, "view_users");
    return Response.json({ items: await listUserSessions(ctx.db, z.string().uuid().parse(id)) });
  } catch (err) {
    return toErrorResponse(err);
  }
}
