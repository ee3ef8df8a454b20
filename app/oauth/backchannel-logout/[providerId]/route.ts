// POST /oauth/backchannel-logout/<provider id>: the provider's Back-Channel Logout URI (logout_token → end those sessions)
import { z } from "zod";
import { route } from "@/lib/http/route";
import { backchannelLogoutResponse } from "@/lib/logout/backchannel-endpoint";

export const dynamic = "force-dynamic";

// Server to server: the IdP sends no Origin, and the logout token is the credential.
const handle = route(
  { auth: "public", origin: false, params: z.object({ providerId: z.string() }) },
  ({ ctx, request, params }) =>
    backchannelLogoutResponse({ ...ctx, actor: { kind: "system" } }, request, params.providerId),
);

export const POST = handle;
// Answered (405, Allow: POST) rather than left to the framework, so the refusal is the spec's JSON.
export const GET = handle;
export const PUT = handle;
export const DELETE = handle;
