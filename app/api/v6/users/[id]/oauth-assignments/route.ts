// GET /api/v6/users/<id>/oauth-assignments: a user's assignments; POST { providerId }: invite (emails the binding link).
// The user themselves may do both (Settings → Account); for anyone else it takes view_users / manage_users.
import { z } from "zod";
import { readJson, requireApiForUser } from "@/lib/auth/api-auth";
import { inviteUser } from "@/lib/bindings/invite-user";
import { listAssignments } from "@/lib/bindings/list-assignments";
import { toErrorResponse } from "@/lib/errors";

type Params = { params: Promise<{ id: string }> };
const ZInvite = z.object({ providerId: z.string().uuid("Choose a provider") });
const ZId = z.string().uuid();

export async function GET(request: Request, { params }: Params) {
  try {
    const { id } = await params;
    const ctx = await requireApiForUser(request, id, "view_users");
    return Response.json({ items: await listAssignments(ctx.db, ZId.parse(id)) });
  } catch (err) {
    return toErrorResponse(err);
  }
}

export async function POST(request: Request, { params }: Params) {
  try {
    const { id } = await params;
    const ctx = await requireApiForUser(request, id, "manage_users");
    const { providerId } = ZInvite.parse(await readJson(request));
    const invitation = await inviteUser(ctx, { userId: ZId.parse(id), providerId });
    return Response.json(invitation, { status: 201 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
