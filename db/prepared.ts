// Statements on the hot paths, built once per database instead of on every call. Drizzle builds a
// statement's SQL from its query objects each time it runs (about 0.5 ms of CPU for a select of two
// tables' columns, `npx tsx bench/query-build.ts`); a prepared query keeps the SQL and only binds
// the values (`sql.placeholder(name)` in the builder). Inside a transaction the statement is built
// on the transaction, so it runs on the transaction's connection.
import { is } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Db, Tx } from "./client";

type Prepared<R> = { execute(values?: Record<string, unknown>): Promise<R> };

/** `build(db).prepare(name)` once per database; `run(db, values)` executes it with the values. */
export function preparedStatement<R>(build: (db: Db | Tx) => Prepared<R>) {
  const byDb = new WeakMap<Db, Prepared<R>>();
  const run = (db: Db | Tx, values: Record<string, unknown>): Promise<R> => {
    if (is(db, PgTransaction)) return build(db).execute(values);
    let prepared = byDb.get(db);
    if (!prepared) byDb.set(db, (prepared = build(db)));
    return prepared.execute(values);
  };
  // The builder too, for bench/query-build.ts: what each call cost when it was built every time.
  return Object.assign(run, { build });
}
