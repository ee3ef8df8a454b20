// GET /api/v6/identity-providers/<id>/usage: what uses the provider (for the delete confirmation)
import { requireApi } from "@/lib/auth/api-auth";
import { toErrorResponse } from "@/lib/errors";
import { getProvider } from "@/lib/identity-providers/get-provider";
import { providerUsage } from "@/lib/identity-providers/provider-usage";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const ctx = await requireApi(request, "configure_identity_providers");
    const provider = await getProvider(ctx, (await params).id);
    return Response.json({ id: provider.id, name: provider.name, usage: await providerUsage(ctx.db, provider.id) });
  } catch (err) {
    return toErrorResponse(err);
  }
}
