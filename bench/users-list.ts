// The Users list at 100,000 users and 1,000,000 audit rows (issue 6) on real PostgreSQL: first
// page, deep pages (cursor and page number), each sort, searches and searches with a sort, as
// GET /api/v6/users runs them (its query string through listUsers: the page, its users' roles
// and the total, then the JSON body), timed without the session check. Last, after deleting the
// role nearly everyone has, the users without roles sorted by Roles when they are many.
//   npx tsx bench/users-list.ts            (USERS=100000 AUDIT_ROWS=1000000 RUNS=50 to change the load)
import { randomUUID } from "node:crypto";
import os from "node:os";
import { sql } from "drizzle-orm";
import { openDatabase, type DbHandle } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { createTestDatabase } from "../db/test/databases";
import { listUsers } from "../lib/users/list-users";
import { encodeCursor } from "../lib/users/user-list-keys";
import { report, seedAuditEvents, summarise } from "./lib";

const USERS = Number(process.env.USERS ?? 100_000);
const AUDIT_ROWS = Number(process.env.AUDIT_ROWS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 50);

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
}

/** A cursor pointing into the middle of a sort, as the page before it would have handed out. */
async function middleCursor(handle: DbHandle, sort: string, keys: string): Promise<string> {
  const rows = (await handle.db.execute(
    sql.raw(`select ${keys}, id::text from users order by ${keys}, id offset ${Math.floor(USERS / 2)} limit 1`),
  )) as unknown as Record<string, string | boolean>[];
  const { id, ...k } = rows[0]!;
  return encodeCursor({ s: sort, k: Object.values(k), id: id as string });
}

/**
 * GET /api/v6/users?<query>: what the handler does after the session check, timed RUNS times.
 * Round robin over the queries after one untimed round, so that load from other work on the
 * machine falls on every query alike rather than on whichever runs at the time.
 */
async function measure(handle: DbHandle, queries: Record<string, Record<string, string>>) {
  const get = async (q: Record<string, string>) => {
    const page = await listUsers({ db: handle.db }, Object.fromEntries(new URLSearchParams({ limit: "50", ...q })));
    JSON.stringify(page);
    return page;
  };
  const latencies = new Map<string, number[]>(Object.keys(queries).map((name) => [name, []]));
  const results: Record<string, { itemsOnPage: number; total: number; latencyMs?: ReturnType<typeof summarise> }> = {};
  for (const [name, q] of Object.entries(queries)) {
    const page = await get(q);
    results[name] = { itemsOnPage: page.items.length, total: page.total };
  }
  for (let i = 0; i < RUNS; i++) {
    for (const [name, q] of Object.entries(queries)) {
      const t = performance.now();
      await get(q);
      latencies.get(name)!.push(performance.now() - t);
    }
  }
  for (const name of Object.keys(queries)) results[name]!.latencyMs = summarise(latencies.get(name)!);
  return results;
}

async function listQueries(handle: DbHandle): Promise<Record<string, Record<string, string>>> {
  const email = `lower(email) collate "C"`;
  const byRoleCursor = async () => {
    const rows = (await handle.db.execute(
      sql.raw(`select ${email} k, u.id::text id, r.id::text g from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id and r.name = 'User'
      where not exists (select 1 from user_roles x join roles y on y.id = x.role_id where x.user_id = u.id and y.name collate "C" < 'User') order by k, u.id offset ${Math.floor(USERS / 3)} limit 1`),
    )) as unknown as Record<string, string>[];
    return encodeCursor({ s: "roles", g: rows[0]!.g, k: [rows[0]!.k!], id: rows[0]!.id! });
  };
  return {
    firstPage: {},
    deepPageCursor: { cursor: await middleCursor(handle, "email", email) },
    deepPageNumber: { page: String(Math.floor(USERS / 100)) },
    lastNameDescDeepCursor: { sort: "-lastName", cursor: await lastNameDescCursor(handle) },
    byFirstName: { sort: "firstName" },
    byUsername: { sort: "username" },
    bySidDesc: { sort: "-sid" },
    byEnabled: { sort: "enabled" },
    byRoles: { sort: "roles" },
    byRolesDeepCursor: { sort: "roles", cursor: await byRoleCursor() },
    byRolesDesc: { sort: "-roles" },
    byRolesLastPage: { sort: "roles", cursor: await noRolesCursor(handle, "roles") },
    byRolesDescLastPage: { sort: "-roles", cursor: await noRolesCursor(handle, "-roles") },
    searchOneLetter: { search: "a" },
    searchCommonLetterDesc: { search: "m", sort: "-email" },
    searchName: { search: "hanna" },
    searchTwoWords: { search: "anna müll" },
    searchEmailPrefix: { search: "carla.müller.4" },
    searchUsernameSortedByLastName: { search: "julia_9", sort: "lastName" },
    searchNameSortedByRoles: { search: "hanna", sort: "roles" },
    searchCommonLetterSortedByRolesDesc: { search: "m", sort: "-roles" },
    searchNameSortedByEnabledDeepPage: { search: "hanna", sort: "enabled", page: "20" },
    searchNoMatch: { search: "qqqq" },
  };
}

// Into the last group (users without roles), as the page that reached it would have handed out.
async function noRolesCursor(handle: DbHandle, sort: "roles" | "-roles"): Promise<string> {
  const rows = (await handle.db.execute(
    sql.raw(
      `select lower(email) collate "C" k, id::text from users u where not exists (select 1 from user_roles ur where ur.user_id = u.id) order by k ${sort === "roles" ? "" : "desc"}, id ${sort === "roles" ? "" : "desc"} limit 1`,
    ),
  )) as unknown as Record<string, string>[];
  return encodeCursor({ s: sort, g: "none", k: [rows[0]!.k!], id: rows[0]!.id! });
}

// Half way through the users without roles, descending.
async function middleNoRolesCursor(handle: DbHandle): Promise<string> {
  const rows = (await handle.db.execute(
    sql.raw(`select k, id from (select lower(email) collate "C" k, id::text, row_number() over (order by lower(email) collate "C" desc, id desc) n, count(*) over () c
      from users u where not exists (select 1 from user_roles ur where ur.user_id = u.id)) x where n = c / 2`),
  )) as unknown as Record<string, string>[];
  return encodeCursor({ s: "-roles", g: "none", k: [rows[0]!.k!], id: rows[0]!.id! });
}

// Descending: the row half way from the end, with its key as the list selects it.
async function lastNameDescCursor(handle: DbHandle): Promise<string> {
  const rows = (await handle.db.execute(
    sql.raw(
      `select lower(last_name) collate "C" k, id::text from users order by lower(last_name) collate "C" desc, id desc offset ${Math.floor(USERS / 2)} limit 1`,
    ),
  )) as unknown as Record<string, string>[];
  return encodeCursor({ s: "-lastName", k: [rows[0]!.k!], id: rows[0]!.id! });
}

const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;
const database = await createTestDatabase("bench");
try {
  const handle = await openDatabase({ databaseUrl: database.url, maxConnections: 4 });
  await migrateDatabase(handle, database.url);
  let t = performance.now();
  await seed(handle);
  const usersSeconds = seconds(t);
  const auditSeconds = await seedAuditEvents(handle.db, AUDIT_ROWS, [randomUUID(), randomUUID(), randomUUID()]);
  t = performance.now();
  for (const table of ["users", "user_roles", "roles", "audit_events"])
    await handle.db.execute(sql.raw(`vacuum analyze ${table}`));
  const vacuumSeconds = seconds(t);
  const loadBefore = os.loadavg()[0];
  const queries = await measure(handle, await listQueries(handle));

  // Nearly everyone without a role (the role they all had deleted): the last group is most users.
  await handle.db.execute(sql`delete from roles where name = 'User'`);
  for (const table of ["user_roles", "roles"]) await handle.db.execute(sql.raw(`vacuum analyze ${table}`));
  const afterDeletingRoleUser = await measure(handle, {
    byRolesIntoNoRoles: { sort: "roles", cursor: await noRolesCursor(handle, "roles") },
    byRolesDescDeepNoRoles: { sort: "-roles", cursor: await middleNoRolesCursor(handle) },
    byRolesSearchIntoNoRoles: { sort: "roles", search: "hanna", cursor: await noRolesCursor(handle, "roles") },
  });
  const loadAfter = os.loadavg()[0];
  await handle.close();
  report("users-list", {
    users: USERS,
    auditRows: AUDIT_ROWS,
    runs: RUNS,
    pageSize: 50,
    seed: {
      usersSeconds,
      auditSeconds: Math.round(auditSeconds),
      auditRowsPerSecond: Math.round(AUDIT_ROWS / auditSeconds),
      vacuumAnalyzeSeconds: vacuumSeconds,
    },
    loadAverage1m: { before: loadBefore, after: loadAfter },
    queries,
    afterDeletingRoleUser,
  });
} finally {
  await database.drop();
}
