import { roles } from "@/db/schema";
import { emitAudit } from "@/lib/audit/emit-audit";
import type { Ctx } from "@/lib/context";
import { lockUserAdministration } from "./administrable";
import { assertMayChangeRole, auditPrivilegeRefusal } from "./privilege-checks";
import { assertRoleNameFree, mapRoleWriteError, normalisePermissions, roleChanges } from "./role-checks";
import { getRole, type RoleJson } from "./role-json";
import { ZRoleInput, type TRoleInput } from "./schema";

/**
 * A new role; RoleChanged records its creation and each permission it sets other than FORBID.
 * It may allow only what the caller holds (403, audited); BLOCK is free.
 */
export async function createRole(ctx: Ctx, raw: TRoleInput): Promise<RoleJson> {
  const input = ZRoleInput.parse(raw);
  const permissions = normalisePermissions(input.permissions);
  const id = await ctx.db
    .transaction(async (tx) => {
      await lockUserAdministration(tx);
      await assertRoleNameFree(tx, input.name, null);
      await assertMayChangeRole(tx, ctx.actor, {
        operation: "createRole",
        role: { name: input.name },
        before: null,
        after: permissions,
      });
      const [row] = await tx
        .insert(roles)
        .values({ name: input.name, description: input.description, permissions })
        .returning({ id: roles.id });
      const changes = roleChanges(null, { ...input, permissions });
      await emitAudit(tx, ctx, { action: "RoleChanged", data: { roleId: row!.id, name: input.name, changes } });
      return row!.id;
    })
    .catch(mapRoleWriteError)
    .catch(auditPrivilegeRefusal(ctx));
  return getRole(ctx, id);
}
