// GET /oauth/login/<provider id>: the provider's Logon URL — start a sign-in at the provider (purpose: login)
import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { AppError, toErrorResponse } from "@/lib/errors";
import { FLOW_COOKIE, flowCookieOptions } from "@/lib/flows/browser-cookie";
import { startFlow } from "@/lib/flows/start-flow";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route(
  {
    auth: "public",
    params: z.object({ providerId: z.string() }),
    onError: (err) =>
      err instanceof AppError && err.code === "not_found"
        ? NextResponse.redirect(new URL("/login?error=oauth_unavailable", getConfig().appUrl), 303)
        : toErrorResponse(err),
  },
  async ({ ctx, params, request }) => {
    const returnTo = new URL(request.url).searchParams.get("returnTo");
    const flow = await startFlow(ctx, {
      providerId: params.providerId,
      purpose: "login",
      browserToken: (await cookies()).get(FLOW_COOKIE)?.value,
      returnTo,
    });
    const response = NextResponse.redirect(flow.authorizationUrl, 303);
    response.cookies.set(FLOW_COOKIE, flow.browserToken, flowCookieOptions(ctx.config.appUrl));
    return response;
  },
);
