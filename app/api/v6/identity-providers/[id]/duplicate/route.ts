// POST /api/v6/identity-providers/<id>/duplicate: a copy named "<name> (copy)"
import { z } from "zod";
import { route } from "@/lib/http/route";
import { duplicateProvider } from "@/lib/identity-providers/provider-actions";

export const POST = route(
  { auth: "user", permission: "configure_identity_providers", params: z.object({ id: z.string() }), status: 201 },
  ({ ctx, params }) => duplicateProvider(ctx, params.id),
);
