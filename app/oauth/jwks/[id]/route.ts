// GET /oauth/jwks/<provider id>: the app's public keys for private_key_jwt at this provider (public, for the IdP)
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { findProviderRow } from "@/lib/identity-providers/get-provider";
import { publicJwks } from "@/lib/identity-providers/provider-keys";
import { route } from "@/lib/http/route";

export const GET = route({ auth: "public", params: z.object({ id: z.string() }) }, async ({ ctx, params }) => {
  const row = await findProviderRow(ctx.db, params.id);
  if (!row || row.tokenEndpointAuthMethod !== "private_key_jwt") throw new AppError("not_found", "No such key set");
  return Response.json(await publicJwks(ctx.db, row.id), { headers: { "cache-control": "public, max-age=300" } });
});
