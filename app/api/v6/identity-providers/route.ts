// GET /api/v6/identity-providers: list; POST: create (secrets write-only)
import { readJson, requireApi } from "@/lib/auth/api-auth";
import { toErrorResponse } from "@/lib/errors";
import { createProvider } from "@/lib/identity-providers/create-provider";
import { listProviders } from "@/lib/identity-providers/get-provider";

export async function GET(request: Request) {
  try {
    const ctx = await requireApi(request, "configure_identity_providers");
    return Response.json({ items: await listProviders(ctx) });
  } catch (err) {
    return toErrorResponse(err);
  }
}

export async function POST(request: Request) {
  try {
    const ctx = await requireApi(request, "configure_identity_providers");
    return Response.json(await createProvider(ctx, (await readJson(request)) as never), { status: 201 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
