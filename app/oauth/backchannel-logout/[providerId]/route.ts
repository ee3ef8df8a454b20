// POST /oauth/backchannel-logout/<provider id>: the provider's Back-Channel Logout URI (logout_token → end those sessions)
import { getDb } from "@/db";
import { requestMeta } from "@/lib/auth/request-meta";
import { getConfig } from "@/lib/config";
import { backchannelLogoutResponse } from "@/lib/logout/backchannel-endpoint";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ providerId: string }> };

async function handle(request: Request, { params }: Params): Promise<Response> {
  const ctx = { db: await getDb(), actor: { kind: "system" as const }, ...requestMeta(request.headers), config: getConfig() };
  return backchannelLogoutResponse(ctx, request, (await params).providerId);
}

export const POST = handle;
// Answered (405, Allow: POST) rather than left to the framework, so the refusal is the spec's JSON.
export const GET = handle;
export const PUT = handle;
export const DELETE = handle;
