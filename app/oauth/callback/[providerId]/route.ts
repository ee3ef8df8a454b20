// GET /oauth/callback/<provider id>: the Redirect Uri — consume the flow, run the engine, redirect without the code (a login sets its session cookie)
import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { z } from "zod";
import { issueSessionCookie, type ResponseCookie } from "@/lib/auth/session-cookie";
import { getConfig } from "@/lib/config";
import { FLOW_COOKIE } from "@/lib/flows/browser-cookie";
import { handleCallback } from "@/lib/flows/handle-callback";
import { route } from "@/lib/http/route";
import "@/lib/wiring/register-purposes";

export const dynamic = "force-dynamic";

// The code never travels further: a fresh URL, and no Referer from this page.
function leave(target: string, cookies: ResponseCookie[] = []): Response {
  const response = NextResponse.redirect(new URL(target, getConfig().appUrl), 303);
  for (const cookie of cookies) response.cookies.set(cookie.name, cookie.value, cookie.options);
  response.headers.set("Referrer-Policy", "no-referrer");
  response.headers.set("Cache-Control", "no-store");
  return response;
}

export const GET = route(
  {
    auth: "public",
    params: z.object({ providerId: z.string() }),
    onError: (err) => {
      console.error("[oauth] callback failed:", err instanceof Error ? err.name : typeof err);
      return leave("/oauth/error");
    },
  },
  async ({ ctx, params, request }) => {
    const browserToken = (await cookies()).get(FLOW_COOKIE)?.value ?? null;
    const result = await handleCallback(ctx, {
      providerId: params.providerId,
      params: new URL(request.url).searchParams,
      browserToken,
    });
    return leave(result.redirectTo, result.signIn ? [await issueSessionCookie(ctx.config, result.signIn)] : []);
  },
);
