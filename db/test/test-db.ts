import { afterAll, beforeAll, inject } from "vitest";
import { openDatabase, type DbHandle } from "../client";
import { migrateDatabase } from "../migrate";

/** The run's database: the fresh PostgreSQL database of global setup, or a migrated in-memory PGlite. */
export async function openTestDb(): Promise<DbHandle> {
  const url = inject("databaseUrl");
  if (url) return openDatabase({ databaseUrl: url, maxConnections: 5 });
  return openPgliteTestDb();
}

export async function openPgliteTestDb(): Promise<DbHandle> {
  const handle = await openDatabase({ pgliteDir: "memory://" });
  await migrateDatabase(handle);
  return handle;
}

/** Unique per call, so tests sharing one database never collide. */
export const uniqueEmail = (name = "user") =>
  `${name}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}@example.test`;

/** The run's PostgreSQL database; fails loudly where the server is missing. */
export async function openPostgresTestDb(maxConnections = 5): Promise<DbHandle> {
  const url = inject("databaseUrl");
  if (!url) throw new Error("PostgreSQL is not reachable: this test needs it (start it, or set TEST_DATABASE_URL)");
  return openDatabase({ databaseUrl: url, maxConnections });
}

/** For tests that must hold on both backends: `describe.each(BACKENDS)`. */
export const BACKENDS = [
  { backend: "PostgreSQL", open: () => openPostgresTestDb() },
  { backend: "PGlite", open: openPgliteTestDb },
] as const;

/** In a file or a describe: opens the database before its tests (`ready` keeps the handle) and closes it after. */
export function withDatabase(open: () => Promise<DbHandle>, ready: (handle: DbHandle) => void) {
  let handle: DbHandle | undefined;
  beforeAll(async () => {
    handle = await open();
    ready(handle);
  });
  afterAll(async () => {
    await handle?.close();
  });
}
