// Pure: the rule that nobody grants a permission they do not hold. One principle, applied to every
// write of users, role assignments and roles (REST and the editors alike, which call the same
// lib functions): a caller may change who holds a permission only if they hold it themselves
// (effective ALLOW). Giving it (ALLOW added, a BLOCK lifted) and taking it away (ALLOW removed)
// both change who holds it; taking away is included so that a user manager cannot demote the
// administrators above them. Only adding a restriction (FORBID → BLOCK) is free.
import { PERMISSION_KEYS, PERMISSIONS, type PermissionKey, type PermissionValue } from "./permission-catalogue";

export type Held = Readonly<Record<PermissionKey, PermissionValue>>;
type PermissionMap = Readonly<Record<string, PermissionValue | undefined>>;

const holds = (held: Held, key: PermissionKey) => held[key] === "ALLOW";
const value = (map: PermissionMap | null, key: PermissionKey): PermissionValue => map?.[key] ?? "FORBID";

/** The label people see, quoted, for messages: `"User can manage roles and permissions"`. */
export const permissionLabels = (keys: readonly PermissionKey[]) => keys.map((k) => `"${PERMISSIONS[k]}"`).join(", ");

/** What a role ALLOWs that the caller does not hold: giving it to, or taking it from, someone needs all of it. */
export function missingToAssign(held: Held, role: PermissionMap): PermissionKey[] {
  return PERMISSION_KEYS.filter((k) => value(role, k) === "ALLOW" && !holds(held, k));
}

/** What a user holds that the caller does not: the caller may change only users who hold no more than they do. */
export function missingToManage(held: Held, target: Held): PermissionKey[] {
  return PERMISSION_KEYS.filter((k) => holds(target, k) && !holds(held, k));
}

/**
 * The permissions whose value a role write changes (create: before null; delete: after null),
 * FORBID → BLOCK aside, that the caller does not hold: the write needs each of them.
 */
export function missingToChangeRole(
  held: Held,
  before: PermissionMap | null,
  after: PermissionMap | null,
): PermissionKey[] {
  return PERMISSION_KEYS.filter((k) => {
    const from = value(before, k);
    const to = value(after, k);
    if (from === to || (from === "FORBID" && to === "BLOCK")) return false;
    return !holds(held, k);
  });
}
