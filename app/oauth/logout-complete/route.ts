// GET /oauth/logout-complete?state=…: the post_logout_redirect_uri — check the state once, then the login page with a notice
import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { FLOW_COOKIE } from "@/lib/flows/browser-cookie";
import { route } from "@/lib/http/route";
import { completeLogout } from "@/lib/logout/complete-logout";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "public" }, async ({ ctx, request }) => {
  const state = new URL(request.url).searchParams.get("state");
  const outcome = await completeLogout(ctx.db, {
    state,
    browserToken: (await cookies()).get(FLOW_COOKIE)?.value ?? null,
  });
  const response = NextResponse.redirect(
    new URL(`/login?signedOut=${outcome === "confirmed" ? "provider" : "unconfirmed"}`, ctx.config.appUrl),
    303,
  );
  response.headers.set("Cache-Control", "no-store");
  response.headers.set("Referrer-Policy", "no-referrer");
  return response;
});
