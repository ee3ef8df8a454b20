// Next adapter: who is signed in, for pages, server actions and route handlers.
import { redirect } from "next/navigation";
import { headers } from "next/headers";
import { getDb } from "@/lib/database";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { missingPermission } from "./api-auth";
import { loadUserPermissions, type PermissionKey } from "@/lib/users/permissions";
import { auth } from "./next-auth";
import { requestMeta } from "./request-meta";

/** `sessionRef`: the public handle of the session this request came with (marks "this session" in lists). */
export type CurrentUser = { id: string; email: string; name: string; sessionRef?: string | null };

export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await auth();
  return session?.user?.id ? { ...session.user, sessionRef: session.sessionRef ?? null } : null;
}

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
