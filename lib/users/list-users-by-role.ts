import { and, asc, exists, getTableColumns, notExists, sql, type SQL } from "drizzle-orm";
import { roles, userRoles, users, type User } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { AppError } from "@/lib/errors";
import type { UserListQuery } from "./schema";
import type { RawPage } from "./list-users";
import { afterRow, decodeCursor, EMAIL_KEY, encodeCursor, orderBy, sortName } from "./user-list-keys";

type Group = { id: string; name: string } | null;
const NO_ROLES = "none";
const EMAIL = [{ expr: EMAIL_KEY, type: "text" as const }];

/**
 * Sorting by the Roles column: users grouped by their first role (roles by name, the order the
 * column lists them in), users without roles after them, then by email. A computed "roles"
 * key over 100,000 users would mean aggregating every user per page; instead each group is
 * read through the user_roles role index or the email index, whichever the planner finds
 * cheaper for that role, so pages stay as fast as the other sorts.
 */
export async function listUsersByRole(db: Db | Tx, q: UserListQuery, search: SQL | undefined): Promise<RawPage> {
  if (q.page) {
    throw new AppError("bad_request", "Page numbers are not available when sorting by roles", [{ path: "$.page", message: "Follow nextCursor instead" }]);
  }
  const allRoles = await db.select({ id: roles.id, name: roles.name }).from(roles).orderBy(asc(sql`${roles.name} collate "C"`), asc(roles.id));
  // Users without roles come last either way: finding them means reading every user, which only the last pages do.
  const groups: Group[] = [...(q.sort.desc ? allRoles.reverse() : allRoles), null];
  const groupId = (g: Group) => g?.id ?? NO_ROLES;

  let start = 0;
  let after: SQL | undefined;
  if (q.cursor) {
    const c = decodeCursor(q.cursor, q.sort);
    start = groups.findIndex((g) => groupId(g) === c.g);
    if (start < 0 || c.k.length !== 1) throw new AppError("bad_request", "The roles changed since this page was read", [{ path: "$.cursor", message: "Start again without a cursor" }]);
    after = afterRow(EMAIL, c.k, c.id, q.sort.desc);
  }

  const found: { row: User; group: Group; key: string }[] = [];
  for (let i = start; i < groups.length && found.length <= q.limit; i++) {
    const group = groups[i]!;
    const rows = await db
      .select({ ...getTableColumns(users), k0: sql<string>`${EMAIL_KEY}` })
      .from(users)
      .where(and(inGroup(group), search, i === start ? after : undefined))
      .orderBy(...orderBy(EMAIL, q.sort.desc, search !== undefined))
      .limit(q.limit + 1 - found.length);
    for (const { k0, ...row } of rows) found.push({ row, group, key: k0 });
  }
  const items = found.slice(0, q.limit);
  const last = items.at(-1);
  const nextCursor = found.length > q.limit && last ? encodeCursor({ s: sortName(q.sort), g: groupId(last.group), k: [last.key], id: last.row.id }) : null;
  return { rows: items.map((f) => f.row), nextCursor };
}

/** Users whose first role (by name) is `group`; for null, users without any role. */
function inGroup(group: Group): SQL {
  // Computed once (an InitPlan: one hash anti-join), then looked up by id: walking the email
  // index and probing each user's roles would visit every user when few lack roles.
  if (!group) return sql`${users.id} = any(array(select u2.id from users u2 where not exists (select 1 from user_roles ur3 where ur3.user_id = u2.id)))`;
  return and(
    exists(sql`(select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${userRoles.roleId} = ${group.id}::uuid)`),
    notExists(
      sql`(select 1 from user_roles ur2 join roles r2 on r2.id = ur2.role_id
           where ur2.user_id = ${users.id} and (r2.name collate "C", r2.id) < (${group.name}::text, ${group.id}::uuid))`,
    ),
  )!;
}
