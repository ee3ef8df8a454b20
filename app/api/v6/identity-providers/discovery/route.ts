// POST /api/v6/identity-providers/discovery { url } | { document }: provider settings from a well-known configuration (nothing saved)
import { z } from "zod";
import { readJson, requireApi } from "@/lib/auth/api-auth";
import { toErrorResponse } from "@/lib/errors";
import { discoveryToInput, loadDiscovery } from "@/lib/identity-providers/discovery";

const ZBody = z.union([z.object({ url: z.string().url("Enter the URL of a .well-known/openid-configuration document") }), z.object({ document: z.record(z.string(), z.unknown()) })]);

export async function POST(request: Request) {
  try {
    const ctx = await requireApi(request, "configure_identity_providers");
    const body = ZBody.parse(await readJson(request));
    return Response.json("url" in body ? await loadDiscovery(body.url, ctx.config.trustedHosts) : discoveryToInput(body.document));
  } catch (err) {
    return toErrorResponse(err);
  }
}
