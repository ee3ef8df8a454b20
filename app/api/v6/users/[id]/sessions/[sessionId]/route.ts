// DELETE /api/v6/users/<id>/sessions/<session id>: end that session (its next request is signed out), audited
import { z } from "zod";
import { requireApi } from "@/lib/auth/api-auth";
import { endUserSession } from "@/lib/auth/end-session";
import { AppError, toErrorResponse } from "@/lib/errors";

const ZId = z.string().uuid();

export async function DELETE(request: Request, { params }: { params: Promise<{ id: string; sessionId: string }> }) {
  try {
    const ctx = await requireApi(request, "manage_users");
    const { id, sessionId } = await params;
    if (!ZId.safeParse(id).success || !ZId.safeParse(sessionId).success) throw new AppError("not_found", "No such session, or it has already ended");
    await endUserSession(ctx, { userId: id, sessionId });
    return new Response(null, { status: 204 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
