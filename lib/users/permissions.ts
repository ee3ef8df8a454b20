import { eq, inArray } from "drizzle-orm";
import { roles, userRoles, type PermissionValue } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { effectivePermissions, type PermissionKey } from "./permission-catalogue";

// The catalogue and the rule live in a pure module so the browser can use them too.
export {
  ALL_ALLOWED,
  effectivePermissions,
  effectiveValue,
  PERMISSION_KEYS,
  PERMISSIONS,
  type PermissionKey,
} from "./permission-catalogue";

export async function loadUserPermissions(
  db: Db | Tx,
  userId: string,
): Promise<Record<PermissionKey, PermissionValue>> {
  const roleIds = db.select({ id: userRoles.roleId }).from(userRoles).where(eq(userRoles.userId, userId));
  const rows = await db.select({ permissions: roles.permissions }).from(roles).where(inArray(roles.id, roleIds));
  return effectivePermissions(rows.map((r) => r.permissions));
}
