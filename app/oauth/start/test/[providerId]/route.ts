// POST /oauth/start/test/<provider id>: Test connection — start a real flow for the administrator (a POST,
// so another site cannot start one in an administrator's browser: the wrapper checks the Origin);
// ?prompt=login asks the provider for its sign-in form again
import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { z } from "zod";
import { FLOW_COOKIE, flowCookieOptions } from "@/lib/flows/browser-cookie";
import { startFlow } from "@/lib/flows/start-flow";
import { route } from "@/lib/http/route";

export const POST = route(
  { auth: "user", permission: "configure_identity_providers", params: z.object({ providerId: z.string() }) },
  async ({ ctx, params, request }) => {
    const jar = await cookies();
    const flow = await startFlow(ctx, {
      providerId: params.providerId,
      purpose: "test",
      browserToken: jar.get(FLOW_COOKIE)?.value,
      // "Sign in as someone else" (?prompt=login): the provider shows its sign-in form even with a live session.
      prompt: new URL(request.url).searchParams.get("prompt") === "login" ? "login" : null,
    });
    const response = NextResponse.redirect(flow.authorizationUrl, 303);
    response.cookies.set(FLOW_COOKIE, flow.browserToken, flowCookieOptions(ctx.config.appUrl));
    return response;
  },
);
