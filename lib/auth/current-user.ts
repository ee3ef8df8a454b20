// Next adapter: who is signed in, for pages, server actions and route handlers.
import { cache } from "react";
import { redirect } from "next/navigation";
import { cookies, headers } from "next/headers";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/database";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { missingPermission } from "./api-auth";
import { loadUserPermissions, type PermissionKey } from "@/lib/users/permissions";
import { findLiveSession } from "@/lib/sessions/sessions";
import { requestMeta } from "./request-meta";
import { openSessionCookie, sessionCookie } from "./session-cookie";

/** `sessionRef`: the public handle of the session this request came with (marks "this session" in lists). */
export type CurrentUser = { id: string; email: string; name: string; sessionRef?: string | null };

/**
 * The session cookie's user while its session row is live: what next-auth's auth() answers (the same
 * decode, then the jwt callback's findLiveSession), without auth()'s re-sealed cookie, which a server
 * render cannot set anyway. Once per server render: the layout, the page and pagePermissions() all
 * ask. Outside a render (route handlers, server actions) React's cache() does not memoise.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const config = getConfig();
  const value = (await cookies()).get(sessionCookie(config.appUrl).name)?.value;
  const named = value ? await openSessionCookie(config, value) : null;
  const live = named ? await findLiveSession(await getDb(), named.sessionId) : null;
  if (!live || live.userId !== named?.userId) return null;
  return {
    id: live.userId,
    email: live.email,
    name: `${live.firstName} ${live.lastName}`.trim(),
    sessionRef: live.sessionRef,
  };
});

/** For pages: the signed-in user, or off to the login page. */
export async function requireUserPage(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) {
    const path = (await headers()).get("x-request-path");
    redirect(path && path !== "/" ? `/login?callbackUrl=${encodeURIComponent(path)}` : "/login");
  }
  return user;
}

/** For route handlers and server actions: a Ctx for the signed-in user holding the permission, else 401/403. */
export async function requirePermission(permission: PermissionKey | null): Promise<Ctx & { user: CurrentUser }> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthorized", "Sign in first");
  const db = await getDb();
  if (permission) {
    const permissions = await loadUserPermissions(db, user.id);
    if (permissions[permission] !== "ALLOW") throw missingPermission([permission]);
  }
  const meta = requestMeta(await headers());
  return { db, actor: { kind: "user", userId: user.id, email: user.email }, ...meta, user };
}
