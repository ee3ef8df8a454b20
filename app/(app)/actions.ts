"use server";
// Sign-out: the session row is ended first; a session from a provider with an end-session
// endpoint then goes there (RP-initiated logout), any other to the login page with a notice.
import { randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { auth, signOut } from "@/lib/auth/next-auth";
import { FLOW_COOKIE, flowCookieOptions } from "@/lib/flows/browser-cookie";
import { action } from "@/lib/http/action";
import { beginLogout } from "@/lib/logout/begin-logout";

// Public: signing out of nothing is harmless and must not fail.
export const signOutAction = action({ auth: "public", input: z.object({}) }, async (ctx) => {
  const session = await auth();
  let target = "/login?signedOut=1";
  if (session?.user?.id) {
    const jar = await cookies();
    const existing = jar.get(FLOW_COOKIE)?.value;
    const browserToken =
      existing && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : randomBytes(32).toString("base64url");
    const userCtx = { ...ctx, actor: { kind: "user" as const, userId: session.user.id, email: session.user.email } };
    const began = await beginLogout(userCtx, {
      userId: session.user.id,
      sessionRef: session.sessionRef ?? null,
      browserToken,
    });
    if (began.atProvider) jar.set(FLOW_COOKIE, browserToken, flowCookieOptions(ctx.config.appUrl));
    target = began.redirectTo;
  }
  await signOut({ redirect: false });
  redirect(target);
});
