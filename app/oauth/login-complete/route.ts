// GET /oauth/login-complete?tx=<id>: turn a completed login flow into the app's session (next-auth), once, in the same browser
import { AuthError } from "next-auth";
import { NextResponse } from "next/server";
import { signIn } from "@/lib/auth/next-auth";
import { safeRedirectUrl } from "@/lib/net/safe-return";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "public" }, async ({ ctx, request }) => {
  const tx = new URL(request.url).searchParams.get("tx") ?? "";
  try {
    const target = await signIn("oauth", { tx, redirect: false, redirectTo: "/" });
    const response = NextResponse.redirect(
      safeRedirectUrl(typeof target === "string" ? target : "/", ctx.config.appUrl),
      303,
    );
    response.headers.set("Referrer-Policy", "no-referrer");
    return response;
  } catch (err) {
    if (err instanceof AuthError)
      return NextResponse.redirect(new URL("/login?error=oauth_failed", ctx.config.appUrl), 303);
    throw err;
  }
});
