// GET /api/v6/users/<id>/sessions: the user's live sessions (device, IP, started, last seen)
import { z } from "zod";
import { requireApi } from "@/lib/auth/api-auth";
import { listUserSessions } from "@/lib/auth/list-sessions";
import { toErrorResponse } from "@/lib/errors";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const ctx = await requireApi(request, "view_users");
    return Response.json({ items: await listUserSessions(ctx.db, z.string().uuid().parse((await params).id)) });
  } catch (err) {
    return toErrorResponse(err);
  }
}
