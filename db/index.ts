import path from "node:path";
import { getConfig } from "@/lib/config";
import { openDatabase, type Db, type DbHandle } from "./client";
import { migrateDatabase } from "./migrate";

type Holder = { __dbHandle?: Promise<DbHandle> };

/** The process's database (one PGlite instance or one postgres pool), migrated once on first use. */
export function getDbHandle(): Promise<DbHandle> {
  const g = globalThis as Holder;
  g.__dbHandle ??= (async () => {
    const config = getConfig();
    const handle = await openDatabase({
      databaseUrl: config.databaseUrl,
      pgliteDir: path.join(config.dataDir, "pglite"),
    });
    await migrateDatabase(handle, config.databaseUrl);
    return handle;
  })().catch((err) => {
    delete g.__dbHandle;
    throw err;
  });
  return g.__dbHandle;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

export type { Db, Tx } from "./client";
