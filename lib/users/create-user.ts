import { userRoles, users } from "@/db/schema";
import { emitAuditBatch } from "@/lib/audit/emit-audit";
import { hashPassword } from "@/lib/crypto/password";
import type { Ctx } from "@/lib/context";
import { lockUserAdministration } from "./administrable";
import { getUser } from "./get-user";
import { assertMayAssignRoles, auditPrivilegeRefusal } from "./privilege-checks";
import { ZCreateUserInput, type TCreateUserInput } from "./schema";
import { assertEmailFree, assertUsernameFree, mapUserWriteError, resolveRoles } from "./user-checks";
import { userChanges } from "./user-changes";
import type { UserJson } from "./user-json";

/**
 * ADD NEW USER: the user, their roles and the audit rows (UserCreated, then the initial settings)
 * in one transaction. Only roles allowing nothing beyond what the caller holds (403, audited).
 */
export async function createUser(ctx: Ctx, raw: TCreateUserInput): Promise<UserJson> {
  const input = ZCreateUserInput.parse(raw);
  // Argon2 takes a while: hashed before the transaction, so the lock is held briefly.
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const id = await ctx.db
    .transaction(async (tx) => {
      await lockUserAdministration(tx);
      await assertEmailFree(tx, input.email, null);
      await assertUsernameFree(tx, input.username, null);
      const chosen = await resolveRoles(tx, input.roleIds);
      await assertMayAssignRoles(tx, ctx.actor, {
        operation: "createUser",
        target: null,
        beforeRoleIds: [],
        afterRoleIds: input.roleIds,
      });
      const [row] = await tx
        .insert(users)
        .values({
          email: input.email,
          firstName: input.firstName,
          lastName: input.lastName,
          username: input.username,
          language: input.language,
          enabled: input.enabled,
          passwordHash,
        })
        .returning({ id: users.id });
      const userId = row!.id;
      if (chosen.length) await tx.insert(userRoles).values(chosen.map((r) => ({ userId, roleId: r.id })));
      const initial = userChanges(null, { ...input, roles: chosen });
      if (passwordHash) initial.push({ field: "password", from: null, to: "(set)" });
      await emitAuditBatch(tx, ctx, [
        { action: "UserCreated", data: { userId, email: input.email } },
        ...(initial.length
          ? [{ action: "UserChanged" as const, data: { userId, email: input.email, changes: initial } }]
          : []),
      ]);
      return userId;
    })
    .catch(mapUserWriteError)
    .catch(auditPrivilegeRefusal(ctx));
  return getUser(ctx, id);
}
