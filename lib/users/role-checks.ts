import { and, ne, sql } from "drizzle-orm";
import { roles } from "@/db/schema";
import type { Tx } from "@/db/client";
import { AppError } from "@/lib/errors";
import { PERMISSION_KEYS, type PermissionKey, type PermissionValue } from "./permission-catalogue";
import type { RoleInput } from "./schema";

export const DUPLICATE_ROLE = "A role with this name already exists";
const duplicate = () => new AppError("conflict", DUPLICATE_ROLE, [{ path: "$.name", message: DUPLICATE_ROLE }]);

/** Role names are unique whatever their case; checked under the user administration lock. */
export async function assertRoleNameFree(tx: Tx, name: string, roleId: string | null): Promise<void> {
  const rows = await tx
    .select({ id: roles.id })
    .from(roles)
    .where(and(sql`lower(${roles.name}) = lower(${name})`, roleId ? ne(roles.id, roleId) : undefined))
    .limit(1);
  if (rows.length) throw duplicate();
}

export function mapRoleWriteError(err: unknown): never {
  const cause = ((err as { cause?: unknown }).cause ?? err) as { code?: string };
  if (cause.code === "23505") throw duplicate();
  throw err;
}

/** The stored form: every permission of the catalogue named, FORBID where the input is silent. */
export const normalisePermissions = (input: RoleInput["permissions"]): Record<PermissionKey, PermissionValue> =>
  Object.fromEntries(PERMISSION_KEYS.map((k) => [k, input[k] ?? "FORBID"])) as Record<PermissionKey, PermissionValue>;

export type FieldChange = { field: string; from: string | null; to: string | null };

/** Name, description and each permission that differs; before null: a new role's settings. */
export function roleChanges(
  before: { name: string; description: string; permissions: Record<string, PermissionValue> } | null,
  after: { name: string; description: string; permissions: Record<PermissionKey, PermissionValue> },
): FieldChange[] {
  const changes: FieldChange[] = [];
  if (!before) changes.push({ field: "role", from: null, to: "created" });
  if (before && before.name !== after.name) changes.push({ field: "name", from: before.name, to: after.name });
  if ((before?.description ?? "") !== after.description)
    changes.push({ field: "description", from: before?.description || null, to: after.description || null });
  for (const key of PERMISSION_KEYS) {
    const from = before ? (before.permissions[key] ?? "FORBID") : "FORBID";
    if (from !== after.permissions[key])
      changes.push({ field: `permissions.${key}`, from, to: after.permissions[key] });
  }
  return changes;
}
