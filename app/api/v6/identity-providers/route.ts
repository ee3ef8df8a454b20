// GET /api/v6/identity-providers: list; POST: create (secrets write-only)
import { route } from "@/lib/http/route";
import { createProvider } from "@/lib/identity-providers/create-provider";
import { listProviders } from "@/lib/identity-providers/get-provider";
import { ZProviderInput } from "@/lib/identity-providers/schema";

export const GET = route({ auth: "user", permission: "configure_identity_providers" }, async ({ ctx }) => ({
  items: await listProviders(ctx),
}));

export const POST = route(
  { auth: "user", permission: "configure_identity_providers", body: ZProviderInput, status: 201 },
  ({ ctx, body }) => createProvider(ctx, body),
);
