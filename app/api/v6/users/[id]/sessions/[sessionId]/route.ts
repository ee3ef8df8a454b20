// DELETE /api/v6/users/<id>/sessions/<session id>: end that session (its next request is signed out), audited; the user themselves or manage_users
import { z } from "zod";
import { requireApiForUser } from "@/lib/auth/api-auth";
import { endUserSession } from "@/lib/auth/end-session";
import { AppError, toErrorResponse } from "@/lib/errors";

const ZId = z.string().uuid();

export async function DELETE(request: Request, { params }: { params: Promise<{ id: string; sessionId: string }> }) {
  try {
    const { id, sessionId } = await params;
    const ctx = await requireApiForUser(request, id, "manage_users");
    if (!ZId.safeParse(id).success || !ZId.safeParse(sessionId).success) throw new AppError("not_found", "No such session, or it has already ended");
    await endUserSession(ctx, { userId: id, sessionId });
    return new Response(null, { status: 204 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
