// Next adapter: permission checks for server-rendered pages (signed-in is already enforced by the layout).
import { cache } from "react";
import type { PermissionValue } from "@/db/schema";
import { getDb } from "@/lib/database";
import { loadUserPermissions, type PermissionKey } from "@/lib/users/permissions";
import { requireUserPage } from "./current-user";
import { mayOpen, pageEntry, type PageHref } from "./pages";

/** The signed-in person's effective permissions, read once per request (layouts, menus and the page share it). */
export const pagePermissions = cache(async (): Promise<Record<PermissionKey, PermissionValue>> => {
  const user = await requireUserPage();
  return loadUserPermissions(await getDb(), user.id);
});

export async function hasPagePermission(permission: PermissionKey): Promise<boolean> {
  return (await pagePermissions())[permission] === "ALLOW";
}

/** The guard of a page the menus list (lib/auth/pages.ts): the same rule that shows or hides its entry. */
export async function canOpenPage(href: PageHref): Promise<boolean> {
  return mayOpen(pageEntry(href), await pagePermissions());
}
