// GET /api/v6/identity-providers/<id>/last-test: the data the last Test connection received (for the mapping preview)
import { requireApi } from "@/lib/auth/api-auth";
import { AppError, toErrorResponse } from "@/lib/errors";
import { lastTestData } from "@/lib/flows/last-test-data";
import { getProvider } from "@/lib/identity-providers/get-provider";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const ctx = await requireApi(request, "configure_identity_providers");
    const provider = await getProvider(ctx, (await params).id);
    const data = await lastTestData(ctx.db, provider.id);
    if (!data) throw new AppError("not_found", "No Test connection has completed for this provider yet");
    return Response.json(data);
  } catch (err) {
    return toErrorResponse(err);
  }
}
