// GET/PUT/PATCH/DELETE /api/v6/identity-providers/<id>: read, replace, enable/disable, delete one provider
import { readJson, requireApi } from "@/lib/auth/api-auth";
import { toErrorResponse } from "@/lib/errors";
import { deleteProvider } from "@/lib/identity-providers/delete-provider";
import { getProvider } from "@/lib/identity-providers/get-provider";
import { setProviderEnabled } from "@/lib/identity-providers/provider-actions";
import { ZSetProviderEnabled } from "@/lib/identity-providers/schema";
import { updateProvider } from "@/lib/identity-providers/update-provider";

type Params = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Params) {
  try {
    const ctx = await requireApi(request, "configure_identity_providers");
    return Response.json(await getProvider(ctx, (await params).id));
  } catch (err) {
    return toErrorResponse(err);
  }
}

export async function PUT(request: Request, { params }: Params) {
  try {
    const ctx = await requireApi(request, "configure_identity_providers");
    return Response.json(await updateProvider(ctx, (await params).id, (await readJson(request)) as never));
  } catch (err) {
    return toErrorResponse(err);
  }
}

export async function PATCH(request: Request, { params }: Params) {
  try {
    const ctx = await requireApi(request, "configure_identity_providers");
    const { enabled } = ZSetProviderEnabled.parse(await readJson(request));
    return Response.json(await setProviderEnabled(ctx, (await params).id, enabled));
  } catch (err) {
    return toErrorResponse(err);
  }
}

export async function DELETE(request: Request, { params }: Params) {
  try {
    const ctx = await requireApi(request, "configure_identity_providers");
    await deleteProvider(ctx, (await params).id);
    return new Response(null, { status: 204 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
