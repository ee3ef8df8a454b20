import { and, asc, getTableColumns, sql, type SQL } from "drizzle-orm";
import { roles, users } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { AppError } from "@/lib/errors";
import type { UserListQuery } from "./schema";
import { afterRow, decodeCursor, EMAIL_KEY, encodeCursor, orderBy, sortName, type RawPage } from "./user-list-keys";
import { EMAIL, inRole, searched, withoutRoles, type Group } from "./role-groups";

const NO_ROLES = "none";

/**
 * Sorting by the Roles column: users grouped by their first role (roles by name, the order the
 * column lists them in), users without roles after them, then by email. A computed "roles"
 * key over 100,000 users would mean aggregating every user per page; instead each group is
 * read through the user_roles role index or the email index, whichever the planner finds
 * cheaper for that role, so pages stay as fast as the other sorts; the users without roles
 * are found as withoutRoles says. With a search, whose matches are all read anyway, see searched.
 */
export async function listUsersByRole(db: Db | Tx, q: UserListQuery, search: SQL | undefined): Promise<RawPage> {
  if (q.page) {
    throw new AppError("bad_request", "Page numbers are not available when sorting by roles", [
      { path: "$.page", message: "Follow nextCursor instead" },
    ]);
  }
  const allRoles = await db
    .select({ id: roles.id, name: roles.name })
    .from(roles)
    .orderBy(asc(sql`${roles.name} collate "C"`), asc(roles.id));
  // Users without roles come last either way: finding them means reading every user, which only the last pages do.
  const groups: Group[] = [...(q.sort.desc ? [...allRoles].reverse() : allRoles), null];
  const groupId = (g: Group) => g?.id ?? NO_ROLES;

  let start = 0;
  let after: SQL | undefined;
  if (q.cursor) {
    const c = decodeCursor(q.cursor, q.sort);
    start = groups.findIndex((g) => groupId(g) === c.g);
    if (start < 0 || c.k.length !== 1)
      throw new AppError("bad_request", "The roles changed since this page was read", [
        { path: "$.cursor", message: "Start again without a cursor" },
      ]);
    after = afterRow(EMAIL, c.k, c.id, q.sort.desc);
  }

  const found = search ? await searched(db, search, allRoles, groups, q.sort.desc, start, after, q.limit + 1) : [];
  for (let i = start; !search && i < groups.length && found.length <= q.limit; i++) {
    const group = groups[i]!;
    const need = q.limit + 1 - found.length;
    const position = i === start ? after : undefined;
    const rows = group
      ? await db
          .select({ ...getTableColumns(users), k0: sql<string>`${EMAIL_KEY}` })
          .from(users)
          .where(and(inRole(group), position))
          .orderBy(...orderBy(EMAIL, q.sort.desc))
          .limit(need)
      : await withoutRoles(db, position, q.sort.desc, need);
    for (const { k0, ...row } of rows) found.push({ row, group, key: k0 });
  }
  const items = found.slice(0, q.limit);
  const last = items.at(-1);
  const nextCursor =
    found.length > q.limit && last
      ? encodeCursor({ s: sortName(q.sort), g: groupId(last.group), k: [last.key], id: last.row.id })
      : null;
  return { rows: items.map((f) => f.row), nextCursor };
}
