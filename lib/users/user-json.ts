import { asc, inArray, sql } from "drizzle-orm";
import { roles, userRoles, type User } from "@/db/schema";
import type { Db, Tx } from "@/db/client";

export type RoleRef = { id: string; name: string };

/** A user as the API and the screens see it: camelCase, never the password hash (only whether one is set). */
export type UserJson = {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  username: string | null;
  sid: string | null;
  language: string;
  enabled: boolean;
  passwordSet: boolean;
  roles: RoleRef[];
  createdAt: string;
  updatedAt: string;
};

export function toUserJson(row: User, userRoleRefs: RoleRef[]): UserJson {
  return {
    id: row.id,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    username: row.username,
    sid: row.sid,
    language: row.language,
    enabled: row.enabled,
    passwordSet: row.passwordHash !== null,
    roles: userRoleRefs,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The roles of each given user in one query, each list ordered by name (byte order, as the Roles sort groups them). */
export async function rolesOfUsers(db: Db | Tx, userIds: string[]): Promise<Map<string, RoleRef[]>> {
  const byUser = new Map<string, RoleRef[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return byUser;
  const rows = await db
    .select({ userId: userRoles.userId, id: roles.id, name: roles.name })
    .from(userRoles)
    .innerJoin(roles, sql`${roles.id} = ${userRoles.roleId}`)
    .where(inArray(userRoles.userId, userIds))
    .orderBy(asc(sql`${roles.name} collate "C"`), asc(roles.id));
  for (const r of rows) byUser.get(r.userId)?.push({ id: r.id, name: r.name });
  return byUser;
}
