import { eq } from "drizzle-orm";
import { roles } from "@/db/schema";
import { emitAudit } from "@/lib/audit/emit-audit";
import type { Ctx } from "@/lib/context";
import { guardAdministrators, lockUserAdministration } from "./administrable";
import { PERMISSIONS, type PermissionKey } from "./permission-catalogue";
import { assertMayChangeRole, auditPrivilegeRefusal } from "./privilege-checks";
import { assertRoleNameFree, mapRoleWriteError, normalisePermissions, roleChanges } from "./role-checks";
import { findRoleRow, getRole, roleNotFound, type RoleJson } from "./role-json";
import { ZRoleInput, type TRoleInput } from "./schema";

/**
 * Rename, describe and set every permission of a role; RoleChanged lists exactly what changed.
 * Its holders (others included) get or lose what changes, so each changed permission but a new
 * BLOCK needs the caller to hold it (403, audited); none may take away the last administrator (409).
 */
export async function updateRole(ctx: Ctx, id: string, raw: TRoleInput): Promise<RoleJson> {
  const input = ZRoleInput.parse(raw);
  const permissions = normalisePermissions(input.permissions);
  await ctx.db
    .transaction(async (tx) => {
      await lockUserAdministration(tx);
      const row = await findRoleRow(tx, id, { forUpdate: true });
      if (!row) throw roleNotFound();
      await assertRoleNameFree(tx, input.name, id);
      const changes = roleChanges(row, { ...input, permissions });
      if (changes.length === 0) return;
      await assertMayChangeRole(tx, ctx.actor, {
        operation: "changeRole",
        role: { id, name: row.name },
        before: row.permissions,
        after: permissions,
      });
      const changed = changes.filter((c) => c.field.startsWith("permissions.")).map((c) => c.field);
      const guard = changed.length ? await guardAdministrators(tx) : null;
      await tx
        .update(roles)
        .set({ name: input.name, description: input.description, permissions })
        .where(eq(roles.id, id));
      const field = changed.includes("permissions.manage_roles") ? "permissions.manage_roles" : changed[0]!;
      const key = field.slice("permissions.".length) as PermissionKey;
      await guard?.assertKept(
        `$.${field}`,
        `Setting "${PERMISSIONS[key]}" to ${permissions[key]} in the role "${row.name}"`,
      );
      await emitAudit(tx, ctx, { action: "RoleChanged", data: { roleId: id, name: input.name, changes } });
    })
    .catch(mapRoleWriteError)
    .catch(auditPrivilegeRefusal(ctx));
  return getRole(ctx, id);
}
