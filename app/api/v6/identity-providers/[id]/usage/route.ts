// GET /api/v6/identity-providers/<id>/usage: what uses the provider (for the delete confirmation)
import { z } from "zod";
import { route } from "@/lib/http/route";
import { getProvider } from "@/lib/identity-providers/get-provider";
import { providerUsage } from "@/lib/identity-providers/provider-usage";

export const GET = route(
  { auth: "user", permission: "configure_identity_providers", params: z.object({ id: z.string() }) },
  async ({ ctx, params }) => {
    const provider = await getProvider(ctx, params.id);
    return { id: provider.id, name: provider.name, usage: await providerUsage(ctx.db, provider.id) };
  },
);
