// GET/PUT/PATCH/DELETE /api/v6/identity-providers/<id>: read, replace, enable/disable, delete one provider
import { z } from "zod";
import { route } from "@/lib/http/route";
import { deleteProvider } from "@/lib/identity-providers/delete-provider";
import { getProvider } from "@/lib/identity-providers/get-provider";
import { setProviderEnabled } from "@/lib/identity-providers/provider-actions";
import { ZProviderInput, ZSetProviderEnabled } from "@/lib/identity-providers/schema";
import { updateProvider } from "@/lib/identity-providers/update-provider";

const spec = {
  auth: "user",
  permission: "configure_identity_providers",
  params: z.object({ id: z.string() }),
} as const;

export const GET = route(spec, ({ ctx, params }) => getProvider(ctx, params.id));

export const PUT = route({ ...spec, body: ZProviderInput }, ({ ctx, params, body }) =>
  updateProvider(ctx, params.id, body),
);

export const PATCH = route({ ...spec, body: ZSetProviderEnabled }, ({ ctx, params, body }) =>
  setProviderEnabled(ctx, params.id, body.enabled),
);

export const DELETE = route(spec, async ({ ctx, params }) => {
  await deleteProvider(ctx, params.id);
});
