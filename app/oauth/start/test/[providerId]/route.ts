// POST /oauth/start/test/<provider id>: Test connection — start a real flow for the administrator (a POST,
// so another site cannot start one in an administrator's browser: requireApi checks the Origin)
import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { requireApi } from "@/lib/auth/api-auth";
import { toErrorResponse } from "@/lib/errors";
import { FLOW_COOKIE, flowCookieOptions } from "@/lib/flows/browser-cookie";
import { startFlow } from "@/lib/flows/start-flow";

export async function POST(request: Request, { params }: { params: Promise<{ providerId: string }> }) {
  try {
    const ctx = await requireApi(request, "configure_identity_providers");
    const jar = await cookies();
    const flow = await startFlow(ctx, { providerId: (await params).providerId, purpose: "test", browserToken: jar.get(FLOW_COOKIE)?.value });
    const response = NextResponse.redirect(flow.authorizationUrl, 303);
    response.cookies.set(FLOW_COOKIE, flow.browserToken, flowCookieOptions(ctx.config.appUrl));
    return response;
  } catch (err) {
    return toErrorResponse(err);
  }
}
