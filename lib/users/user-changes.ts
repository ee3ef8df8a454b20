import type { UpdateUserInput } from "./schema";
import type { RoleRef } from "./user-json";

export type FieldChange = { field: string; from: string | null; to: string | null };
export type UserState = Omit<UpdateUserInput, "roleIds"> & { roles: RoleRef[] };

const FIELDS = ["email", "firstName", "lastName", "username", "language", "enabled"] as const;
const show = (v: string | boolean | null) => (v === null || v === "" ? null : String(v).slice(0, 2000));
const roleNames = (roles: RoleRef[]) => (roles.length ? roles.map((r) => r.name).join(", ") : null);

/** Field by field what differs (before null: a new user's settings that are not empty); roles by name. */
export function userChanges(before: UserState | null, after: UserState): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of FIELDS) {
    const from = before ? show(before[field]) : null;
    const to = show(after[field]);
    if (from !== to && !(before === null && field === "enabled" && after.enabled)) changes.push({ field, from, to });
  }
  const fromRoles = before ? roleNames(before.roles) : null;
  const toRoles = roleNames(after.roles);
  if (fromRoles !== toRoles) changes.push({ field: "roles", from: fromRoles, to: toRoles });
  return changes;
}
