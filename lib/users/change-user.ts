import { and, eq, notInArray, sql } from "drizzle-orm";
import { userRoles, users, type User } from "@/db/schema";
import type { Tx } from "@/db/client";
import { emitAudit } from "@/lib/audit/emit-audit";
import { revokeUserSessions } from "@/lib/sessions/sessions";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { guardAdministrators, lockUserAdministration } from "./administrable";
import { loadUserPermissions } from "./permissions";
import { assertMayAssignRoles, auditPrivilegeRefusal } from "./privilege-checks";
import { findUserRow, getUser, userNotFound } from "./get-user";
import type { UpdateUserInput } from "./schema";
import { assertEmailFree, assertUsernameFree, mapUserWriteError, resolveRoles } from "./user-checks";
import { userChanges, type UserState } from "./user-changes";
import { rolesOfUsers, type UserJson } from "./user-json";

export type CurrentUserSettings = { row: User; input: UpdateUserInput };

/**
 * The one write path of an existing user (edit page, PUT, the list's Enabled switch): under the
 * user administration lock, `build` turns the current settings into the new ones; the change,
 * its audit rows and, when the user is disabled, the end of their sessions commit together.
 * A caller who holds less than the user, or who gives or takes a role allowing what they do not
 * hold, is refused (403, audited); so is demoting or disabling the last enabled administrator (409).
 */
export async function changeUser(
  ctx: Ctx,
  id: string,
  build: (current: CurrentUserSettings) => UpdateUserInput,
): Promise<UserJson> {
  await ctx.db
    .transaction((tx) => applyChange(tx, ctx, id, build))
    .catch(mapUserWriteError)
    .catch(auditPrivilegeRefusal(ctx));
  return getUser(ctx, id);
}

async function applyChange(
  tx: Tx,
  ctx: Ctx,
  id: string,
  build: (current: CurrentUserSettings) => UpdateUserInput,
): Promise<void> {
  await lockUserAdministration(tx);
  const row = await findUserRow(tx, id, { forUpdate: true });
  if (!row) throw userNotFound();
  const beforeRoles = (await rolesOfUsers(tx, [id])).get(id) ?? [];
  const current: UpdateUserInput = {
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    username: row.username,
    language: row.language as UpdateUserInput["language"],
    roleIds: beforeRoles.map((r) => r.id),
    enabled: row.enabled,
  };
  const input = build({ row, input: current });
  const disabling = row.enabled && !input.enabled;
  if (disabling && ctx.actor.kind === "user" && ctx.actor.userId === id) {
    throw new AppError("conflict", "You cannot disable your own account", [
      { path: "$.enabled", message: "You cannot disable your own account" },
    ]);
  }
  await assertEmailFree(tx, input.email, id);
  await assertUsernameFree(tx, input.username, id);
  const afterRoles = await resolveRoles(tx, input.roleIds);
  const before: UserState = { ...current, roles: beforeRoles };
  const changes = userChanges(before, { ...input, roles: afterRoles });
  if (changes.length === 0) return;
  // Nobody changes a user who holds more than they do, nor gives or takes a role beyond what they hold.
  const target = { id, email: row.email, permissions: await loadUserPermissions(tx, id) };
  await assertMayAssignRoles(tx, ctx.actor, {
    operation: "changeUser",
    target,
    beforeRoleIds: current.roleIds,
    afterRoleIds: input.roleIds,
  });

  const { roleIds, ...fields } = input;
  const rolesChanged = changes.some((c) => c.field === "roles");
  const guard = rolesChanged || disabling ? await guardAdministrators(tx) : null;
  await tx
    .update(users)
    .set({ ...fields, updatedAt: sql`now()` })
    .where(eq(users.id, id));
  if (rolesChanged) {
    await tx
      .delete(userRoles)
      .where(and(eq(userRoles.userId, id), roleIds.length ? notInArray(userRoles.roleId, roleIds) : undefined));
    if (roleIds.length)
      await tx
        .insert(userRoles)
        .values(roleIds.map((roleId) => ({ userId: id, roleId })))
        .onConflictDoNothing();
  }
  await guard?.assertKept(rolesChanged ? "$.roleIds" : "$.enabled");
  await emitAudit(tx, ctx, { action: "UserChanged", data: { userId: id, email: input.email, changes } });
  if (disabling) {
    const count = await revokeUserSessions(tx, id);
    await emitAudit(tx, ctx, { action: "SessionRevoked", data: { userId: id, reason: "User disabled", count } });
  }
}
