import { and, eq, exists, not, sql } from "drizzle-orm";
import { roles, userRoles, users } from "@/db/schema";
import type { Tx } from "@/db/client";
import { AppError } from "@/lib/errors";
import { PERMISSIONS } from "./permission-catalogue";

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

const rolesSaying = (value: "ALLOW" | "BLOCK") =>
  exists(
    // Correlated to the outer users row: one of its roles says `value` for manage_roles.
    sql`(select 1 from ${userRoles} join ${roles} on ${roles.id} = ${userRoles.roleId}
         where ${userRoles.userId} = ${users.id} and ${roles.permissions} ->> 'manage_roles' = ${value})`,
  );

/** Whether some enabled user's effective "manage roles" is ALLOW (any BLOCK wins over ALLOW). */
export async function hasAdministrator(tx: Tx): Promise<boolean> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.enabled, true), rolesSaying("ALLOW"), not(rolesSaying("BLOCK"))))
    .limit(1);
  return rows.length > 0;
}

/**
 * Taken before a change, inside its transaction (under the lock); `assertKept` after it refuses
 * a change that takes the last person able to manage roles away, so the instance always stays
 * administrable. The throw rolls the change back. A database that had no administrator (e.g. a
 * fresh one) is not made worse by a change, so it is not refused.
 */
export async function guardAdministrators(tx: Tx): Promise<{ assertKept: (path: string, what?: string) => Promise<void> }> {
  const before = await hasAdministrator(tx);
  return {
    assertKept: async (path, what = "This change") => {
      if (!before || (await hasAdministrator(tx))) return;
      const message = `${what} would leave no enabled user who holds "${PERMISSIONS.manage_roles}", and nobody could administer this instance any more. First give another enabled user a role that allows it.`;
      throw new AppError("conflict", message, [{ path, message }]);
    },
  };
}
