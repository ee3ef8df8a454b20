// GET /api/v6/users/<id>/oauth-assignments: a user's assignments; POST { providerId }: invite (emails the binding link)
import { z } from "zod";
import { readJson, requireApi } from "@/lib/auth/api-auth";
import { inviteUser } from "@/lib/bindings/invite-user";
import { listAssignments } from "@/lib/bindings/list-assignments";
import { toErrorResponse } from "@/lib/errors";

type Params = { params: Promise<{ id: string }> };
const ZInvite = z.object({ providerId: z.string().uuid("Choose a provider") });
const ZId = z.string().uuid();

export async function GET(request: Request, { params }: Params) {
  try {
    const ctx = await requireApi(request, "view_users");
    return Response.json({ items: await listAssignments(ctx.db, ZId.parse((await params).id)) });
  } catch (err) {
    return toErrorResponse(err);
  }
}

export async function POST(request: Request, { params }: Params) {
  try {
    const ctx = await requireApi(request, "manage_users");
    const { providerId } = ZInvite.parse(await readJson(request));
    const invitation = await inviteUser(ctx, { userId: ZId.parse((await params).id), providerId });
    return Response.json(invitation, { status: 201 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
