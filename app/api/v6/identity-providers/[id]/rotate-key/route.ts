// POST /api/v6/identity-providers/<id>/rotate-key[?removeRetired=1]: new private_key_jwt key pair, or drop retired ones
import { z } from "zod";
import { route } from "@/lib/http/route";
import { rotateKey } from "@/lib/identity-providers/provider-actions";

export const POST = route(
  { auth: "user", permission: "configure_identity_providers", params: z.object({ id: z.string() }) },
  ({ ctx, params, request }) =>
    rotateKey(ctx, params.id, { removeRetired: new URL(request.url).searchParams.get("removeRetired") === "1" }),
);
