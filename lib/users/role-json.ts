import { asc, eq, sql } from "drizzle-orm";
import { roles, userRoles, type Role } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { PERMISSION_KEYS, type PermissionKey, type PermissionValue } from "./permission-catalogue";
import { isUuid } from "./schema";

export type RoleJson = {
  id: string;
  name: string;
  description: string;
  /** Every permission of the catalogue; one the role does not name is FORBID. */
  permissions: Record<PermissionKey, PermissionValue>;
  userCount: number;
  createdAt: string;
};

export const fullPermissions = (stored: Record<string, PermissionValue>): Record<PermissionKey, PermissionValue> =>
  Object.fromEntries(PERMISSION_KEYS.map((k) => [k, stored[k] ?? "FORBID"])) as Record<PermissionKey, PermissionValue>;

const toRoleJson = (row: Role, userCount: number): RoleJson => ({
  id: row.id,
  name: row.name,
  description: row.description,
  permissions: fullPermissions(row.permissions),
  userCount,
  createdAt: row.createdAt.toISOString(),
});

export const roleNotFound = () => new AppError("not_found", "No role with this id");

const userCount = sql<number>`(select count(*)::int from ${userRoles} where ${userRoles.roleId} = ${roles.id})`;

/** All roles by name, each with how many users hold it. */
export async function listRoles(ctx: Pick<Ctx, "db">): Promise<RoleJson[]> {
  const rows = await ctx.db
    .select({ role: roles, userCount })
    .from(roles)
    .orderBy(asc(sql`${roles.name} collate "C"`), asc(roles.id));
  return rows.map((r) => toRoleJson(r.role, Number(r.userCount)));
}

export async function findRoleRow(db: Db | Tx, id: string, opts: { forUpdate?: boolean } = {}): Promise<Role | null> {
  if (!isUuid(id)) return null;
  const query = db.select().from(roles).where(eq(roles.id, id));
  const [row] = opts.forUpdate ? await query.for("update") : await query;
  return row ?? null;
}

export async function getRole(ctx: Pick<Ctx, "db">, id: string): Promise<RoleJson> {
  if (!isUuid(id)) throw roleNotFound();
  const [row] = await ctx.db.select({ role: roles, userCount }).from(roles).where(eq(roles.id, id));
  if (!row) throw roleNotFound();
  return toRoleJson(row.role, Number(row.userCount));
}
