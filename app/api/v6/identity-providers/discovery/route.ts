// POST /api/v6/identity-providers/discovery { url } | { document }: provider settings from a well-known configuration (nothing saved)
import { readJson, requireApi } from "@/lib/auth/api-auth";
import { toErrorResponse } from "@/lib/errors";
import { discoveryToInput, loadDiscovery } from "@/lib/identity-providers/discovery";
import { ZDiscoveryRequest } from "@/lib/identity-providers/schema";

export async function POST(request: Request) {
  try {
    const ctx = await requireApi(request, "configure_identity_providers");
    const body = ZDiscoveryRequest.parse(await readJson(request));
    return Response.json("url" in body ? await loadDiscovery(body.url, ctx.config.trustedHosts) : discoveryToInput(body.document));
  } catch (err) {
    return toErrorResponse(err);
  }
}
