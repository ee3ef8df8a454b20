import { count, eq } from "drizzle-orm";
import { roles, userRoles } from "@/db/schema";
import { emitAudit } from "@/lib/audit/emit-audit";
import type { Ctx } from "@/lib/context";
import { guardAdministrators, lockUserAdministration } from "./administrable";
import { assertMayChangeRole, auditPrivilegeRefusal } from "./privilege-checks";
import { findRoleRow, roleNotFound } from "./role-json";

/**
 * Deletes a role and with it every assignment of it. Refused when it would leave no enabled
 * administrator or nobody able to manage roles (e.g. the Administrator role of the only
 * administrator): the instance must stay administrable. Its holders lose what it sets, so the caller must hold each permission it
 * ALLOWs or BLOCKs (403, audited).
 */
export async function deleteRole(ctx: Ctx, id: string): Promise<void> {
  await ctx.db
    .transaction(async (tx) => {
      await lockUserAdministration(tx);
      const row = await findRoleRow(tx, id, { forUpdate: true });
      if (!row) throw roleNotFound();
      await assertMayChangeRole(tx, ctx.actor, {
        operation: "deleteRole",
        role: { id, name: row.name },
        before: row.permissions,
        after: null,
      });
      const [held] = await tx.select({ n: count() }).from(userRoles).where(eq(userRoles.roleId, id));
      const guard = await guardAdministrators(tx);
      await tx.delete(roles).where(eq(roles.id, id));
      await guard.assertKept("$", `Deleting the role "${row.name}"`);
      const changes = [
        { field: "role", from: "existing", to: "deleted" },
        { field: "assignedUsers", from: String(held?.n ?? 0), to: "0" },
      ];
      await emitAudit(tx, ctx, { action: "RoleChanged", data: { roleId: id, name: row.name, changes } });
    })
    .catch(auditPrivilegeRefusal(ctx));
}
