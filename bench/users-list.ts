// The Users list at 100,000 users on real PostgreSQL: first page, deep pages (cursor and page
// number), each sort, and searches, as Settings → Users and GET /api/v6/users run them
// (listUsers: the page, its users' roles and the total). Measured twice: on the committed
// migrations only, then with the indexes proposed below.
//   npx tsx bench/users-list.ts            (USERS=100000 RUNS=50 to change the load)
import { sql } from "drizzle-orm";
import { openDatabase, type DbHandle } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { createTestDatabase } from "../db/test/databases";
import { listUsers } from "../lib/users/list-users";
import type { TUserListQuery } from "../lib/users/schema";
import { encodeCursor } from "../lib/users/user-list-keys";
import { report, summarise } from "./lib";

const USERS = Number(process.env.USERS ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 50);

/**
 * The indexes the list needs (to become a migration): one per sort key, ending in id for the
 * keyset; the prefix search uses the first four. INCLUDE carries the column under the
 * expression, so that page numbers (OFFSET) skip entries with an index-only scan.
 */
export const PROPOSED_INDEXES = [
  `CREATE INDEX "users_email_sort_idx" ON "users" ((lower("email") COLLATE "C"), "id") INCLUDE ("email")`,
  `CREATE INDEX "users_first_name_sort_idx" ON "users" ((lower("first_name") COLLATE "C"), "id") INCLUDE ("first_name")`,
  `CREATE INDEX "users_last_name_sort_idx" ON "users" ((lower("last_name") COLLATE "C"), "id") INCLUDE ("last_name")`,
  `CREATE INDEX "users_username_sort_idx" ON "users" ((lower(coalesce("username", '')) COLLATE "C"), "id") INCLUDE ("username")`,
  `CREATE INDEX "users_sid_sort_idx" ON "users" ((lower(coalesce("sid", '')) COLLATE "C"), "id") INCLUDE ("sid")`,
  `CREATE INDEX "users_enabled_sort_idx" ON "users" ("enabled", (lower("email") COLLATE "C"), "id") INCLUDE ("email")`,
];

async function seed(handle: DbHandle) {
  // 50 first names x 40 last names, unique emails over 20 domains; a username for two thirds,
  // a SID for a fifth, one in 25 disabled. Roles: everyone "User", a fifth "Sender", 1 in 500
  // "Auditor", 20 "Administrator", 1 in 1,000 none at all.
  await handle.db.execute(sql`
    insert into users (email, first_name, last_name, username, sid, enabled, language)
    select lower(f.n) || '.' || lower(l.n) || '.' || i || '@' || 'company' || (i % 20) || '.example',
      f.n, l.n, case when i % 3 <> 0 then lower(f.n) || '_' || i end,
      case when i % 5 = 0 then 'S-1-5-21-3623811015-3361044348-30300820-' || (1000 + i) end,
      i % 25 <> 0, (array['en','de','fr','it'])[1 + i % 4]
    from generate_series(1, ${USERS}::int) i
    cross join lateral (select (array['Anna','Anton','Bert','Birgit','Carla','Chloé','Daniel','Dora','Emil','Émilie','Felix','Frieda','Georg','Greta','Hans','Hanna','Ida','Igor','Jan','Julia','Karl','Klara','Lena','Lukas','Maria','Max','Nina','Noah','Olga','Oskar','Paul','Petra','Quirin','Rosa','Rudolf','Sara','Stefan','Tanja','Theo','Ulla','Uwe','Vera','Viktor','Wanda','Walter','Xaver','Yvonne','Zoe','Zeno','Åsa'])[1 + i % 50] as n) f
    cross join lateral (select (array['Müller','Schmidt','Schneider','Fischer','Weber','Meyer','Wagner','Becker','Schulz','Hoffmann','Rossi','Russo','Ferrari','Esposito','Bianchi','Dubois','Martin','Bernard','Thomas','Petit','Novak','Horvat','Kowalski','Nowak','Smith','Jones','Taylor','Brown','Williams','Wilson','García','Fernández','López','Martínez','Sánchez','de Vries','Jansen','Bakker','Visser','Öztürk'])[1 + (i / 50) % 40] as n) l`);
  await handle.db.execute(sql`insert into roles (name, permissions) values
    ('Administrator', '{"manage_roles":"ALLOW","manage_users":"ALLOW","view_users":"ALLOW"}'), ('User', '{"send_envelopes":"ALLOW"}'),
    ('Sender', '{"send_envelopes":"ALLOW"}'), ('Auditor', '{"view_audit":"ALLOW"}'), ('Guest', '{}')`);
  const role = (name: string) => sql`(select id from roles where name = ${name})`;
  await handle.db.execute(sql`with u as (select id, row_number() over (order by id) i from users)
    insert into user_roles (user_id, role_id)
    select id, ${role("User")} from u where i % 1000 <> 0
    union all select id, ${role("Sender")} from u where i % 5 = 1
    union all select id, ${role("Auditor")} from u where i % 500 = 7
    union all select id, ${role("Administrator")} from u where i <= 20`);
  await handle.db.execute(sql`vacuum analyze users`);
  await handle.db.execute(sql`vacuum analyze user_roles`);
  await handle.db.execute(sql`vacuum analyze roles`);
}

/** A cursor pointing into the middle of a sort, as the page before it would have handed out. */
async function middleCursor(handle: DbHandle, sort: string, keys: string): Promise<string> {
  const rows = (await handle.db.execute(sql.raw(`select ${keys}, id::text from users order by ${keys}, id offset ${Math.floor(USERS / 2)} limit 1`))) as unknown as Record<string, string | boolean>[];
  const { id, ...k } = rows[0]!;
  return encodeCursor({ s: sort, k: Object.values(k), id: id as string });
}

async function measure(handle: DbHandle) {
  const email = `lower(email) collate "C"`;
  const byRoleCursor = async () => {
    const rows = (await handle.db.execute(sql.raw(`select ${email} k, u.id::text id, r.id::text g from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id and r.name = 'User'
      where not exists (select 1 from user_roles x join roles y on y.id = x.role_id where x.user_id = u.id and y.name collate "C" < 'User') order by k, u.id offset ${Math.floor(USERS / 3)} limit 1`))) as unknown as Record<string, string>[];
    return encodeCursor({ s: "roles", g: rows[0]!.g, k: [rows[0]!.k!], id: rows[0]!.id! });
  };
  const queries: Record<string, TUserListQuery> = {
    firstPage: {},
    deepPageCursor: { cursor: await middleCursor(handle, "email", email) },
    deepPageNumber: { page: Math.floor(USERS / 100) },
    lastNameDescDeepCursor: { sort: "-lastName", cursor: await lastNameDescCursor(handle) },
    byFirstName: { sort: "firstName" },
    byUsername: { sort: "username" },
    bySidDesc: { sort: "-sid" },
    byEnabled: { sort: "enabled" },
    byRoles: { sort: "roles" },
    byRolesDeepCursor: { sort: "roles", cursor: await byRoleCursor() },
    byRolesDesc: { sort: "-roles" },
    byRolesLastPage: { sort: "roles", cursor: await noRolesCursor(handle) },
    searchOneLetter: { search: "a" },
    searchCommonLetterDesc: { search: "m", sort: "-email" },
    searchName: { search: "hanna" },
    searchTwoWords: { search: "anna müll" },
    searchEmailPrefix: { search: "carla.müller.4" },
    searchUsernameSortedByLastName: { search: "julia_9", sort: "lastName" },
    searchNoMatch: { search: "qqqq" },
  };
  const results: Record<string, unknown> = {};
  for (const [name, q] of Object.entries(queries)) {
    const latencies: number[] = [];
    let items = 0;
    let total = 0;
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const page = await listUsers({ db: handle.db }, { limit: 50, ...q });
      latencies.push(performance.now() - t);
      items = page.items.length;
      total = page.total;
    }
    results[name] = { itemsOnPage: items, total, latencyMs: summarise(latencies) };
  }
  return results;
}

// Into the last group (users without roles), as the page that reached it would have handed out.
async function noRolesCursor(handle: DbHandle): Promise<string> {
  const rows = (await handle.db.execute(
    sql.raw(`select lower(email) collate "C" k, id::text from users u where not exists (select 1 from user_roles ur where ur.user_id = u.id) order by k, id limit 1`),
  )) as unknown as Record<string, string>[];
  return encodeCursor({ s: "roles", g: "none", k: [rows[0]!.k!], id: rows[0]!.id! });
}

// Descending: the row half way from the end, with its key as the list selects it.
async function lastNameDescCursor(handle: DbHandle): Promise<string> {
  const rows = (await handle.db.execute(
    sql.raw(`select lower(last_name) collate "C" k, id::text from users order by lower(last_name) collate "C" desc, id desc offset ${Math.floor(USERS / 2)} limit 1`),
  )) as unknown as Record<string, string>[];
  return encodeCursor({ s: "-lastName", k: [rows[0]!.k!], id: rows[0]!.id! });
}

const database = await createTestDatabase("bench");
try {
  const handle = await openDatabase({ databaseUrl: database.url, maxConnections: 4 });
  await migrateDatabase(handle, database.url);
  const seedStart = performance.now();
  await seed(handle);
  const seedSeconds = Math.round((performance.now() - seedStart) / 100) / 10;
  const committedMigrationsOnly = await measure(handle);
  for (const statement of PROPOSED_INDEXES) await handle.db.execute(sql.raw(statement));
  await handle.db.execute(sql`vacuum analyze users`);
  const withProposedIndexes = await measure(handle);
  await handle.close();
  report("users-list", { users: USERS, runs: RUNS, seedSeconds, pageSize: 50, proposedIndexes: PROPOSED_INDEXES, withProposedIndexes, committedMigrationsOnly });
} finally {
  await database.drop();
}
