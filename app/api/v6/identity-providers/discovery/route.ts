// POST /api/v6/identity-providers/discovery { url } | { document }: provider settings from a well-known configuration (nothing saved)
import { route } from "@/lib/http/route";
import { discoveryToInput, loadDiscovery } from "@/lib/identity-providers/discovery";
import { ZDiscoveryRequest } from "@/lib/identity-providers/schema";

export const POST = route(
  { auth: "user", permission: "configure_identity_providers", body: ZDiscoveryRequest },
  ({ ctx, body }) =>
    "url" in body ? loadDiscovery(body.url, ctx.config.trustedHosts) : discoveryToInput(body.document),
);
