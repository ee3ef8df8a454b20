import { and, count, inArray, sql, type SQL } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { listUsersByRole } from "./list-users-by-role";
import { ZUserListQuery, type TUserListQuery, type UserListQuery } from "./schema";
import {
  afterRow,
  decodeCursor,
  encodeCursor,
  orderBy,
  searchCondition,
  sortName,
  SORT_KEYS,
  type RawPage,
} from "./user-list-keys";
import { rolesOfUsers, toUserJson, type UserJson } from "./user-json";

export type UserPage = {
  items: UserJson[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** Users matching the search, all pages together. */
  total: number;
  sort: string;
  limit: number;
  page: number | null;
};

/**
 * The Users table: search, sort by any column, keyset paging (`cursor`: the same cost on every
 * page) or page numbers (`page`: OFFSET, slower the deeper it goes). One query for the page, one
 * for the roles of its users, one for the total.
 */
export async function listUsers(ctx: Pick<Ctx, "db">, raw: TUserListQuery): Promise<UserPage> {
  const q = ZUserListQuery.parse(raw);
  const search = searchCondition(q.search);
  const [page, total] = await Promise.all([
    q.sort.field === "roles" ? listUsersByRole(ctx.db, q, search) : listByKeys(ctx.db, q, search),
    countUsers(ctx.db, search),
  ]);
  const roleRefs = await rolesOfUsers(
    ctx.db,
    page.rows.map((r) => r.id),
  );
  return {
    items: page.rows.map((r) => toUserJson(r, roleRefs.get(r.id) ?? [])),
    nextCursor: page.nextCursor,
    total,
    sort: sortName(q.sort),
    limit: q.limit,
    page: q.page ?? null,
  };
}

async function listByKeys(db: Db | Tx, q: UserListQuery, search: SQL | undefined): Promise<RawPage> {
  const keys = SORT_KEYS[q.sort.field as keyof typeof SORT_KEYS];
  const where: (SQL | undefined)[] = [search];
  if (q.cursor) {
    const c = decodeCursor(q.cursor, q.sort);
    if (c.k.length !== keys.length)
      throw new AppError("bad_request", "The cursor is not valid", [
        { path: "$.cursor", message: "Use the nextCursor of a previous page" },
      ]);
    where.push(afterRow(keys, c.k, c.id, q.sort.desc));
  }
  const keyColumns = Object.fromEntries(keys.map((k, i) => [`k${i}`, sql<string | boolean>`${k.expr}`]));
  const page = db
    .select({ id: users.id, ...keyColumns })
    .from(users)
    .where(and(...where))
    .orderBy(...orderBy(keys, q.sort.desc, search !== undefined))
    .limit(q.limit + 1);
  // Ids first, rows second: with a page number the skipped entries are read from the index
  // alone (it carries the sorted column), not from the table.
  const found = (await (q.page ? page.offset((q.page - 1) * q.limit) : page)) as ({ id: string } & Record<
    string,
    string | boolean
  >)[];
  const items = found.slice(0, q.limit);
  const rows = items.length
    ? await db
        .select()
        .from(users)
        .where(
          inArray(
            users.id,
            items.map((r) => r.id),
          ),
        )
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const last = items.at(-1);
  const nextCursor =
    found.length > q.limit && last
      ? encodeCursor({ s: sortName(q.sort), k: keys.map((_, i) => last[`k${i}`]!), id: last.id })
      : null;
  return { rows: items.flatMap((r) => byId.get(r.id) ?? []), nextCursor };
}

async function countUsers(db: Db | Tx, search: SQL | undefined): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users).where(search);
  return row?.n ?? 0;
}
