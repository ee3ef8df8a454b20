import { eq } from "drizzle-orm";
import { roles } from "@/db/schema";
import { emitAudit } from "@/lib/audit/emit-audit";
import type { Ctx } from "@/lib/context";
import { guardAdministrators, lockUserAdministration } from "./administrable";
import { PERMISSIONS } from "./permission-catalogue";
import { assertRoleNameFree, mapRoleWriteError, normalisePermissions, roleChanges } from "./role-checks";
import { findRoleRow, getRole, roleNotFound, type RoleJson } from "./role-json";
import { ZRoleInput, type TRoleInput } from "./schema";

/** Rename, describe and set every permission of a role; RoleChanged lists exactly what changed. */
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
      const guard = changes.some((c) => c.field === "permissions.manage_roles") ? await guardAdministrators(tx) : null;
      await tx.update(roles).set({ name: input.name, description: input.description, permissions }).where(eq(roles.id, id));
      await guard?.assertKept("$.permissions.manage_roles", `Setting "${PERMISSIONS.manage_roles}" to ${permissions.manage_roles} in the role "${row.name}"`);
      await emitAudit(tx, ctx, { action: "RoleChanged", data: { roleId: id, name: input.name, changes } });
    })
    .catch(mapRoleWriteError);
  return getRole(ctx, id);
}
