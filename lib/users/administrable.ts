import { and, eq, exists, not, sql, type SQL } from "drizzle-orm";
import { roles, userRoles, users } from "@/db/schema";
import type { Tx } from "@/db/client";
import { AppError } from "@/lib/errors";
import { PERMISSION_KEYS, PERMISSIONS, type PermissionKey } from "./permission-catalogue";

// Any constant works; it only has to be the same for every instance of the app.
const USER_ADMINISTRATION_LOCK = 727_101;

/**
 * Serialises the writes to users, roles and role assignments for the rest of the transaction.
 * Without it, two administrators each removing a different last-but-one administrator would
 * both see one left (write skew) and the instance would end up with none; it also makes the
 * case-insensitive username and role name checks race-free.
 */
export async function lockUserAdministration(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${USER_ADMINISTRATION_LOCK})`);
}

const rolesSaying = (key: PermissionKey, value: "ALLOW" | "BLOCK") =>
  exists(
    // Correlated to the outer users row: one of its roles says `value` for `key`.
    sql`(select 1 from ${userRoles} join ${roles} on ${roles.id} = ${userRoles.roleId}
         where ${userRoles.userId} = ${users.id} and ${roles.permissions} ->> ${key} = ${value})`,
  );
const holding = (key: PermissionKey) => and(rolesSaying(key, "ALLOW"), not(rolesSaying(key, "BLOCK")));

async function someEnabledUser(tx: Tx, condition: SQL | undefined): Promise<boolean> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.enabled, true), condition))
    .limit(1);
  return rows.length > 0;
}

/** Whether some enabled user's effective "manage roles" is ALLOW (any BLOCK wins over ALLOW). */
export const hasRoleManager = (tx: Tx) => someEnabledUser(tx, holding("manage_roles"));

/**
 * Whether some enabled user holds every permission (what the first administrator's Administrator
 * role gives). Since nobody can give a permission they do not hold (privilege-checks.ts), without
 * such a user a permission nobody holds could never be given again.
 */
export const hasAdministrator = (tx: Tx) => someEnabledUser(tx, and(...PERMISSION_KEYS.map(holding)));

/**
 * Taken before a change, inside its transaction (under the lock); `assertKept` after it refuses
 * a change that takes away the last enabled administrator (a user holding every permission), or
 * the last person able to manage roles, so the instance always stays administrable: demoting,
 * disabling or deleting them, directly or through their roles. The throw rolls the change back.
 * A database that had none (e.g. a fresh one) is not made worse by a change, so it is not refused.
 */
export async function guardAdministrators(
  tx: Tx,
): Promise<{ assertKept: (path: string, what?: string) => Promise<void> }> {
  const before = { administrator: await hasAdministrator(tx), roleManager: await hasRoleManager(tx) };
  return {
    assertKept: async (path, what = "This change") => {
      let message: string | null = null;
      if (before.administrator && !(await hasAdministrator(tx))) {
        message = `${what} would leave no enabled administrator (a user who holds every permission), and nobody could give every permission any more. First give another enabled user the Administrator role.`;
      } else if (before.roleManager && !(await hasRoleManager(tx))) {
        message = `${what} would leave no enabled user who holds "${PERMISSIONS.manage_roles}", and nobody could administer this instance any more. First give another enabled user a role that allows it.`;
      }
      if (message) throw new AppError("conflict", message, [{ path, message }]);
    },
  };
}
