"use server";
// Sign-out: the session row is ended first; a session from a provider with an end-session
// endpoint then goes there (RP-initiated logout), any other to the login page with a notice.
import { randomBytes } from "node:crypto";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { auth, signOut } from "@/lib/auth/next-auth";
import { requestMeta } from "@/lib/auth/request-meta";
import { getConfig } from "@/lib/config";
import { FLOW_COOKIE, flowCookieOptions } from "@/lib/flows/browser-cookie";
import { beginLogout } from "@/lib/logout/begin-logout";

export async function signOutAction(): Promise<void> {
  const session = await auth();
  let target = "/login?signedOut=1";
  if (session?.user?.id) {
    const config = getConfig();
    const jar = await cookies();
    const existing = jar.get(FLOW_COOKIE)?.value;
    const browserToken = existing && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : randomBytes(32).toString("base64url");
    const ctx = { db: await getDb(), actor: { kind: "user" as const, userId: session.user.id, email: session.user.email }, ...requestMeta(await headers()), config };
    const began = await beginLogout(ctx, { userId: session.user.id, sessionRef: session.sessionRef ?? null, browserToken });
    if (began.atProvider) jar.set(FLOW_COOKIE, browserToken, flowCookieOptions(config.appUrl));
    target = began.redirectTo;
  }
  await signOut({ redirect: false });
  redirect(target);
}
