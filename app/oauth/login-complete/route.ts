// GET /oauth/login-complete: the second hop of logins before the callback signed in itself; a link
// still in flight across an upgrade lands on the login page, where the Logon URL starts afresh
import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "public" }, async ({ ctx }) =>
  NextResponse.redirect(new URL("/login?error=oauth_failed", ctx.config.appUrl), 303),
);
