import path from "node:path";
import type { Db } from "@/db/client";
import { openAppDatabase, type AppDbHandle } from "@/db/open-app-database";
import { getConfig } from "./config";

type Holder = { __dbHandle?: Promise<AppDbHandle> };

/**
 * The process's database (one PGlite instance or one postgres pool), opened with the environment's
 * settings (./config.ts) and migrated once on first use as DATABASE_URL's owner; on PostgreSQL the
 * pool then acts as the runtime role (db/runtime-role.ts). Here, not in db/: db/ is the client and
 * the schema, and knows nothing of lib/.
 */
export function getDbHandle(): Promise<AppDbHandle> {
  const g = globalThis as Holder;
  g.__dbHandle ??= (async () => {
    const config = getConfig();
    return openAppDatabase({
      databaseUrl: config.databaseUrl,
      appDatabaseUrl: config.appDatabaseUrl,
      runtimeRole: config.runtimeRole,
      pgliteDir: path.join(config.dataDir, "pglite"),
    });
  })().catch((err) => {
    delete g.__dbHandle;
    throw err;
  });
  return g.__dbHandle;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}
