import { and, or, sql, type SQL } from "drizzle-orm";
import { users, type User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { UserSort, UserSortField } from "./schema";

// Sort keys compare lower-cased text in byte order (COLLATE "C"): the same on every server
// locale and on PGlite, and a prefix is then an index range. Each key has an index on
// (key, id): migration 0007.
export const EMAIL_KEY = sql`lower(${users.email}) collate "C"`;
const FIRST_NAME_KEY = sql`lower(${users.firstName}) collate "C"`;
const LAST_NAME_KEY = sql`lower(${users.lastName}) collate "C"`;
const USERNAME_KEY = sql`lower(coalesce(${users.username}, '')) collate "C"`;
const SID_KEY = sql`lower(coalesce(${users.sid}, '')) collate "C"`;

/** One page of users in list order, before their roles are joined: what each way of paging returns. */
export type RawPage = { rows: User[]; nextCursor: string | null };

type Key = { expr: SQL; type: "text" | "boolean" };
const text = (expr: SQL): Key => ({ expr, type: "text" });

/** The keys a sort orders by, before the id that breaks ties ("roles" is paged per role, see list-users-by-role.ts). */
export const SORT_KEYS: Record<Exclude<UserSortField, "roles">, Key[]> = {
  email: [text(EMAIL_KEY)],
  firstName: [text(FIRST_NAME_KEY)],
  lastName: [text(LAST_NAME_KEY)],
  username: [text(USERNAME_KEY)],
  sid: [text(SID_KEY)],
  enabled: [{ expr: sql`${users.enabled}`, type: "boolean" }, text(EMAIL_KEY)],
};

const SEARCHED = [EMAIL_KEY, FIRST_NAME_KEY, LAST_NAME_KEY, USERNAME_KEY];

/**
 * Case-insensitive prefix search: every word must begin the email, first name, last name or
 * username ("ann mül" finds Anna Müller). starts_with on a "C" key is an index range scan.
 */
export function searchCondition(search: string | undefined): SQL | undefined {
  const words = (search ?? "").split(/\s+/).filter(Boolean).slice(0, 5);
  if (words.length === 0) return undefined;
  return and(...words.map((w) => or(...SEARCHED.map((key) => sql`starts_with(${key}, lower(${w}::text))`))));
}

const param = (key: Key, value: unknown) => (key.type === "boolean" ? sql`${value}::boolean` : sql`${value}::text`);

/** Rows after the cursor's row in the sort order: one row comparison, which the (key, id) index answers. */
export function afterRow(keys: Key[], values: unknown[], id: string, desc: boolean): SQL {
  const left = sql.join([...keys.map((k) => k.expr), sql`${users.id}`], sql`, `);
  const right = sql.join([...keys.map((k, i) => param(k, values[i])), sql`${id}::uuid`], sql`, `);
  return desc ? sql`(${left}) < (${right})` : sql`(${left}) > (${right})`;
}

/**
 * ORDER BY the keys, then id. `searching`: the same order through expressions no index has, so
 * the planner reads the matches through the search indexes and sorts them (cost: their number).
 * Otherwise it may walk the sort index expecting matches spread evenly, but a prefix search's
 * matches cluster ("hanna…" sits in one stretch of the email index), and the walk reads most of
 * the table before it has a page.
 */
export function orderBy(keys: Key[], desc: boolean, searching = false): SQL[] {
  return [...orderKeys(keys, searching), sql`${users.id}`].map((e) => (desc ? sql`${e} desc` : sql`${e} asc`));
}

/** The expressions orderBy sorts the keys by (before the id). */
export function orderKeys(keys: Key[], searching = false): SQL[] {
  return keys.map((k) => (!searching ? k.expr : k.type === "boolean" ? sql`(${k.expr})::int` : sql`(${k.expr} || '')`));
}

export type Cursor = { s: string; g?: string; k: (string | boolean)[]; id: string };

export const sortName = (sort: UserSort) => `${sort.desc ? "-" : ""}${sort.field}`;

export const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");

/** An opaque cursor from a previous page; it must belong to the same sort order. */
export function decodeCursor(raw: string, sort: UserSort): Cursor {
  let c: Partial<Cursor> | null = null;
  try {
    c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Partial<Cursor>;
  } catch {
    c = null;
  }
  const valid =
    c &&
    typeof c.id === "string" &&
    /^[0-9a-f-]{36}$/i.test(c.id) &&
    Array.isArray(c.k) &&
    c.k.every((v) => typeof v === "string" || typeof v === "boolean");
  if (!valid)
    throw new AppError("bad_request", "The cursor is not valid", [
      { path: "$.cursor", message: "Use the nextCursor of a previous page" },
    ]);
  if (c!.s !== sortName(sort))
    throw new AppError("bad_request", "The cursor belongs to another sort order", [
      { path: "$.cursor", message: "Start again without a cursor after changing the sort" },
    ]);
  return c as Cursor;
}
