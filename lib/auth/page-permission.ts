// Next adapter: permission check for server-rendered pages (signed-in is already enforced by the layout).
import { getDb } from "@/lib/database";
import { loadUserPermissions, type PermissionKey } from "@/lib/users/permissions";
import { requireUserPage } from "./current-user";

export async function hasPagePermission(permission: PermissionKey): Promise<boolean> {
  const user = await requireUserPage();
  const permissions = await loadUserPermissions(await getDb(), user.id);
  return permissions[permission] === "ALLOW";
}
