// POST /api/v6/identity-providers/<id>/rotate-key[?removeRetired=1]: new private_key_jwt key pair, or drop retired ones
import { requireApi } from "@/lib/auth/api-auth";
import { toErrorResponse } from "@/lib/errors";
import { rotateKey } from "@/lib/identity-providers/provider-actions";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const ctx = await requireApi(request, "configure_identity_providers");
    const removeRetired = new URL(request.url).searchParams.get("removeRetired") === "1";
    return Response.json(await rotateKey(ctx, (await params).id, { removeRetired }));
  } catch (err) {
    return toErrorResponse(err);
  }
}
