import { and, asc, eq, exists, getTableColumns, inArray, notExists, or, sql, type SQL } from "drizzle-orm";
import { userRoles, users, type User } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { EMAIL_KEY, orderBy, orderKeys } from "./user-list-keys";

// The groups of the Roles sort (list-users-by-role.ts): the users whose first role is a given one,
// the users without roles, and a search's matches ranked by group.

/** A role, or null for the users without roles (the last group). */
export type Group = { id: string; name: string } | null;
export const EMAIL = [{ expr: EMAIL_KEY, type: "text" as const }];

/** Users (`id`: their id column) whose first role (by name) is `group`. */
export function inRole(group: { id: string; name: string }, id: unknown = users.id): SQL {
  return and(
    exists(
      sql`(select 1 from ${userRoles} where ${userRoles.userId} = ${id} and ${userRoles.roleId} = ${group.id}::uuid)`,
    ),
    notExists(
      sql`(select 1 from user_roles ur2 join roles r2 on r2.id = ur2.role_id
           where ur2.user_id = ${id} and (r2.name collate "C", r2.id) < (${group.name}::text, ${group.id}::uuid))`,
    ),
  )!;
}

/** How far the list's order is walked looking for users without roles before they are all computed. */
export const ROLELESS_WALK = 1_000;

/**
 * The next `need` users without roles after `position` (the cursor's), in email order, found
 * one of two ways, each of which alone is slow on some instances:
 * - walk the next ROLELESS_WALK users in that order, looking each up in user_roles: a few
 *   milliseconds, and the whole answer when such users are not rare (a role deleted, users
 *   added without one), however many there are;
 * - when they are rare (fewer than `need` in the walk, which did not reach the end), compute
 *   them all with users_without_roles() (migration 0010: one merge of the two primary keys,
 *   some 25 ms at 100,000 users) and read the page from those.
 */
export async function withoutRoles(
  db: Db | Tx,
  position: SQL | undefined,
  desc: boolean,
  need: number,
): Promise<(User & { k0: string })[]> {
  const order = orderBy(EMAIL, desc);
  const walk = db.$with("walk").as(
    db
      .select({ id: users.id, k0: sql<string>`${EMAIL_KEY}`.as("k0") })
      .from(users)
      .where(position)
      .orderBy(...order)
      .limit(ROLELESS_WALK),
  );
  // LATERAL ... LIMIT 1: a probe of user_roles' primary key per user; a join could be planned as hashing all of user_roles.
  const role = db
    .select({ one: sql<number>`1`.as("one") })
    .from(userRoles)
    .where(eq(userRoles.userId, walk.id))
    .limit(1)
    .as("role");
  const dir = (e: unknown) => (desc ? sql`${e} desc` : sql`${e} asc`);
  const probed = db.$with("probed").as(
    db
      .with(walk)
      .select({
        id: walk.id,
        k0: walk.k0,
        roleless: sql<boolean>`${role.one} is null`.as("roleless"),
        n: sql<number>`(row_number() over (order by ${dir(walk.k0)}, ${dir(walk.id)}))::int`.as("n"),
        walked: sql<number>`(count(*) over ())::int`.as("walked"),
      })
      .from(walk)
      .leftJoinLateral(role, sql`true`),
  );
  // The users without roles in walk order; the walk's last user too, so that a row says how far it went.
  const walked = await db
    .with(probed)
    .select()
    .from(probed)
    .where(or(probed.roleless, eq(probed.n, probed.walked)))
    .orderBy(asc(probed.n))
    .limit(need + 1);
  let page: { id: string; k0: string }[] = walked.filter((r) => r.roleless).slice(0, need);
  if (page.length < need && (walked.at(-1)?.walked ?? 0) >= ROLELESS_WALK) {
    page = await db
      .select({ id: users.id, k0: sql<string>`${EMAIL_KEY}` })
      .from(users)
      .where(and(sql`${users.id} in (select users_without_roles())`, position))
      .orderBy(...order)
      .limit(need);
  }
  if (page.length === 0) return [];
  const rows = new Map(
    (
      await db
        .select()
        .from(users)
        .where(
          inArray(
            users.id,
            page.map((r) => r.id),
          ),
        )
    ).map((r) => [r.id, r]),
  );
  return page.flatMap((r) => {
    const row = rows.get(r.id);
    return row ? [{ ...row, k0: r.k0 }] : [];
  });
}

/** How many of a search's matches, in order, are looked up for the first group before all are ranked. */
export const SEARCH_WALK = 1_000;

/**
 * With a search, every match is read and sorted anyway (see orderBy in user-list-keys.ts), so
 * the cost is in finding each match's group. Two ways again:
 * - the first group's page from the first SEARCH_WALK matches, looked up one by one until the
 *   page is full: enough when that group is common (a one-letter search, most users in it);
 * - otherwise every match ranked by its group (searchedByRole), one lookup per match.
 */
export async function searched(
  db: Db | Tx,
  search: SQL,
  allRoles: { id: string; name: string }[],
  groups: Group[],
  desc: boolean,
  start: number,
  after: SQL | undefined,
  need: number,
): Promise<{ row: User; group: Group; key: string }[]> {
  const group = groups[start];
  if (group) {
    // o: the order's expression as a column, so that the outer ORDER BY is the window's own and
    // the lookups stop once the page is full.
    const [o] = orderKeys(EMAIL, true);
    const matches = db
      .select({ ...getTableColumns(users), k0: sql<string>`${EMAIL_KEY}`.as("k0"), o: sql<string>`${o}`.as("o") })
      .from(users)
      .where(and(search, after))
      .orderBy(...orderBy(EMAIL, desc, true))
      .limit(SEARCH_WALK)
      .as("matches");
    const dir = (e: unknown) => (desc ? sql`${e} desc` : sql`${e} asc`);
    const rows = await db
      .select()
      .from(matches)
      .where(inRole(group, matches.id))
      .orderBy(dir(matches.o), dir(matches.id))
      .limit(need);
    if (rows.length === need) return rows.map(({ k0, o: _, ...row }) => ({ row, group, key: k0 }));
  }
  return searchedByRole(db, search, allRoles, desc, start, after, need);
}

/** Every match ranked by the group of its first role (a look at its own user_roles entries), then paged in group order. */
async function searchedByRole(
  db: Db | Tx,
  search: SQL,
  allRoles: { id: string; name: string }[],
  desc: boolean,
  start: number,
  after: SQL | undefined,
  need: number,
): Promise<{ row: User; group: Group; key: string }[]> {
  const n = allRoles.length;
  // Once per match: the place of its first role among all roles by name (1-based), null without roles.
  const ascending = sql.join(
    allRoles.map((r) => sql`${r.id}::uuid`),
    sql`, `,
  );
  const first = db
    .select({
      place: sql<number | null>`min(array_position(array[${ascending}]::uuid[], ${userRoles.roleId}))`.as("place"),
    })
    .from(userRoles)
    .where(eq(userRoles.userId, users.id))
    .as("first_role");
  // The group's index in the list's order: roles by name (reversed when descending), then none.
  const rank = desc
    ? sql<number>`coalesce(${n}::int - ${first.place}, ${n}::int)`
    : sql<number>`coalesce(${first.place} - 1, ${n}::int)`;
  const position = after ? sql`(${rank} > ${start}::int or (${rank} = ${start}::int and ${after}))` : undefined;
  const rows = await db
    .select({ ...getTableColumns(users), k0: sql<string>`${EMAIL_KEY}`, rank })
    .from(users)
    .leftJoinLateral(first, sql`true`)
    .where(and(search, position))
    .orderBy(asc(rank), ...orderBy(EMAIL, desc, true))
    .limit(need);
  const groups: Group[] = [...(desc ? [...allRoles].reverse() : allRoles), null];
  return rows.map(({ k0, rank: r, ...row }) => ({ row, group: groups[r] ?? null, key: k0 }));
}
