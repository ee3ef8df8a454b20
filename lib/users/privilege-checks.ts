import { inArray } from "drizzle-orm";
import { roles, type PermissionValue } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { emitAudit } from "@/lib/audit/emit-audit";
import type { Actor, Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { ALL_ALLOWED, effectivePermissions, PERMISSION_KEYS, type PermissionKey } from "./permission-catalogue";
import { loadUserPermissions } from "./permissions";
import { missingToAssign, missingToChangeRole, missingToManage, permissionLabels, type Held } from "./privileges";

export type PrivilegeOperation = "createUser" | "changeUser" | "actOnUser" | "createRole" | "changeRole" | "deleteRole";
export type Refusal = {
  operation: PrivilegeOperation;
  permissions: PermissionKey[];
  userId?: string;
  roleId?: string;
  roleName?: string;
};

/** A 403 that names what the caller lacks; the operation audits it in a transaction of its own, since its own rolls back. */
export class PrivilegeRefused extends AppError {
  constructor(
    readonly refusal: Refusal,
    message: string,
    details: { path: string; message: string }[],
  ) {
    super("forbidden", message, details);
  }
}

const NOTHING = Object.fromEntries(PERMISSION_KEYS.map((k) => [k, "FORBID"])) as Held;

/** What the caller holds, read under the user administration lock: the system (seed, CLI) holds everything, nobody anonymous anything. */
export async function loadCallerPermissions(tx: Db | Tx, actor: Actor): Promise<Held> {
  if (actor.kind === "system") return ALL_ALLOWED;
  if (actor.kind === "anonymous") return NOTHING;
  return loadUserPermissions(tx, actor.userId);
}

export type RoleGrant = { id: string; name: string; permissions: Record<string, PermissionValue> };

export async function loadRoleGrants(tx: Tx, ids: readonly string[]): Promise<RoleGrant[]> {
  if (ids.length === 0) return [];
  return tx
    .select({ id: roles.id, name: roles.name, permissions: roles.permissions })
    .from(roles)
    .where(inArray(roles.id, [...ids]));
}

type Assignment = {
  operation: "createUser" | "changeUser";
  /** The user as they are (null when created): their id, address and effective permissions. */
  target: { id: string; email: string; permissions: Held } | null;
  beforeRoleIds: readonly string[];
  /** The roles asked for, in the order of the input (for the field paths). */
  afterRoleIds: readonly string[];
};

/**
 * A caller may change a user only if that user holds nothing the caller does not (or a user
 * manager could take over an administrator's address, or disable them); may give or take away
 * a role only if they hold everything it ALLOWs; and the user may hold nothing the caller does
 * not afterwards (taking away a role that BLOCKs lifts the block).
 */
export async function assertMayAssignRoles(tx: Tx, actor: Actor, a: Assignment): Promise<void> {
  const held = await loadCallerPermissions(tx, actor);
  const userId = a.target?.id;
  if (a.target) {
    const over = missingToManage(held, a.target.permissions);
    if (over.length) {
      const message = `You cannot change the user ${a.target.email}: they hold ${permissionLabels(over)}, which you do not`;
      throw new PrivilegeRefused({ operation: a.operation, permissions: over, userId }, message, [
        { path: "$", message },
      ]);
    }
  }
  const before = new Set(a.beforeRoleIds);
  const after = new Set(a.afterRoleIds);
  const touched = await loadRoleGrants(tx, [
    ...a.afterRoleIds.filter((id) => !before.has(id)),
    ...a.beforeRoleIds.filter((id) => !after.has(id)),
  ]);
  for (const role of touched) {
    const missing = missingToAssign(held, role.permissions);
    if (missing.length === 0) continue;
    const giving = after.has(role.id);
    const message = giving
      ? `You cannot give the role "${role.name}": you do not hold ${permissionLabels(missing)}`
      : `You cannot take the role "${role.name}" away: you do not hold ${permissionLabels(missing)}`;
    const path = giving ? `$.roleIds[${a.afterRoleIds.indexOf(role.id)}]` : "$.roleIds";
    throw new PrivilegeRefused(
      { operation: a.operation, permissions: missing, userId, roleId: role.id, roleName: role.name },
      message,
      [{ path, message }],
    );
  }
  const resulting = effectivePermissions((await loadRoleGrants(tx, a.afterRoleIds)).map((r) => r.permissions));
  const gained = missingToManage(held, resulting);
  if (gained.length) {
    const message = `This change would give ${a.target?.email ?? "the user"} ${permissionLabels(gained)}, which you do not hold`;
    throw new PrivilegeRefused({ operation: a.operation, permissions: gained, userId }, message, [
      { path: "$.roleIds", message },
    ]);
  }
}

/**
 * Acting on another user's account (adding or removing their OAuth assignments, ending their
 * sessions) is for callers who hold everything that user holds: a user manager must not bind
 * an identity to an administrator's account, or sign an administrator out. Refusals are audited.
 * `callerHeld`: the caller's permissions when the request already loaded them.
 */
export async function assertMayActOnUser(ctx: Ctx, targetUserId: string, callerHeld?: Held): Promise<void> {
  if (ctx.actor.kind === "user" && ctx.actor.userId === targetUserId) return;
  const held = callerHeld ?? (await loadCallerPermissions(ctx.db, ctx.actor));
  const over = missingToManage(held, await loadUserPermissions(ctx.db, targetUserId));
  if (over.length === 0) return;
  const message = `You cannot act on this user's account: they hold ${permissionLabels(over)}, which you do not`;
  await auditPrivilegeRefusal(ctx)(
    new PrivilegeRefused({ operation: "actOnUser", permissions: over, userId: targetUserId }, message, [
      { path: "$", message },
    ]),
  );
}

type RoleWrite = {
  operation: "createRole" | "changeRole" | "deleteRole";
  role: { id?: string; name: string };
  before: Record<string, PermissionValue> | null;
  after: Record<string, PermissionValue> | null;
};

/** A role write may change a permission (FORBID → BLOCK aside) only if the caller holds it: its holders, others included, get or lose it. */
export async function assertMayChangeRole(tx: Tx, actor: Actor, w: RoleWrite): Promise<void> {
  const missing = missingToChangeRole(await loadCallerPermissions(tx, actor), w.before, w.after);
  if (missing.length === 0) return;
  const refusal: Refusal = { operation: w.operation, permissions: missing, roleId: w.role.id, roleName: w.role.name };
  if (w.operation === "deleteRole") {
    const message = `You cannot delete the role "${w.role.name}": it sets ${permissionLabels(missing)}, which you do not hold`;
    throw new PrivilegeRefused(refusal, message, [{ path: "$", message }]);
  }
  const message =
    w.operation === "createRole"
      ? `You cannot create a role that allows ${permissionLabels(missing)}: you do not hold it`
      : `You cannot change ${permissionLabels(missing)} in the role "${w.role.name}": you do not hold it`;
  const details = missing.map((k) => ({
    path: `$.permissions.${k}`,
    message: `You do not hold ${permissionLabels([k])}`,
  }));
  throw new PrivilegeRefused(refusal, message, details);
}

/**
 * For `.catch(...)` after an operation's transaction: a privilege refusal is written to the audit
 * trail in its own transaction (the operation's rolled back), then passed on; other errors pass as they are.
 */
export const auditPrivilegeRefusal =
  (ctx: Ctx) =>
  async (err: unknown): Promise<never> => {
    if (err instanceof PrivilegeRefused) {
      await ctx.db.transaction((tx) =>
        emitAudit(tx, ctx, { action: "PrivilegeEscalationRefused", data: { ...err.refusal, reason: err.message } }),
      );
    }
    throw err;
  };
