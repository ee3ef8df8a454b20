// POST /api/v6/identity-providers/<id>/duplicate: a copy named "<name> (copy)"
import { requireApi } from "@/lib/auth/api-auth";
import { toErrorResponse } from "@/lib/errors";
import { duplicateProvider } from "@/lib/identity-providers/provider-actions";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const ctx = await requireApi(request, "configure_identity_providers");
    return Response.json(await duplicateProvider(ctx, (await params).id), { status: 201 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
