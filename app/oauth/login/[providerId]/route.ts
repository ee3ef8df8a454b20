// GET /oauth/login/<provider id>: the provider's Logon URL — start a sign-in at the provider (purpose: login)
import { cookies, headers } from "next/headers";
import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { requestMeta } from "@/lib/auth/request-meta";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { FLOW_COOKIE, flowCookieOptions } from "@/lib/flows/browser-cookie";
import { startFlow } from "@/lib/flows/start-flow";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ providerId: string }> }) {
  const config = getConfig();
  try {
    const ctx = { db: await getDb(), actor: { kind: "anonymous" as const }, ...requestMeta(await headers()), config };
    const returnTo = new URL(request.url).searchParams.get("returnTo");
    const flow = await startFlow(ctx, { providerId: (await params).providerId, purpose: "login", browserToken: (await cookies()).get(FLOW_COOKIE)?.value, returnTo });
    const response = NextResponse.redirect(flow.authorizationUrl, 303);
    response.cookies.set(FLOW_COOKIE, flow.browserToken, flowCookieOptions(config.appUrl));
    return response;
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") return NextResponse.redirect(new URL("/login?error=oauth_unavailable", config.appUrl), 303);
    throw err;
  }
}
