import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import path from "node:path";
import postgres from "postgres";
import type { DbHandle } from "./client";

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

// Any constant works; it only has to be the same for every instance of the app.
const MIGRATION_LOCK_ID = 727_001;

/**
 * Applies the committed drizzle-kit migrations; instances starting together wait on one lock.
 * On PostgreSQL, `thenAsOwner` runs next under the same lock with the owner's connection (the
 * runtime role's grants, db/runtime-role.ts).
 */
export async function migrateDatabase(
  handle: Pick<DbHandle, "kind"> & Partial<DbHandle>,
  databaseUrl?: string,
  thenAsOwner?: (owner: postgres.Sql) => Promise<void>,
): Promise<void> {
  if (handle.kind === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  if (!databaseUrl) throw new Error("migrateDatabase: a PostgreSQL handle needs its URL");
  const client = postgres(databaseUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await migratePostgres(drizzlePostgres({ client }), { migrationsFolder });
    await thenAsOwner?.(client);
    await client`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}
