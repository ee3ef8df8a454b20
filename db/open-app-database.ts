import { openDatabase, type DbHandle } from "./client";
import { migrateDatabase } from "./migrate";
import { prepareRuntimeRole, type RuntimeRole } from "./runtime-role";

export type AppDatabaseOptions = {
  /** The owner's URL: migrations run with it, and (without appDatabaseUrl) the pool logs in with it and switches role. */
  databaseUrl?: string;
  /** The runtime role's own login (DATABASE_APP_URL): the pool never holds the owner's session. */
  appDatabaseUrl?: string;
  /** The NOLOGIN role to switch to (DATABASE_RUNTIME_ROLE); default `<owner>_app`. */
  runtimeRole?: string;
  pgliteDir?: string;
  maxConnections?: number;
};

export type AppDbHandle = DbHandle & { runtime: RuntimeRole | null };

/**
 * The app's database as the running app uses it: migrated as the owner, then a pool that acts
 * as the runtime role (db/runtime-role.ts). Embedded PGlite has one superuser session and no
 * roles to separate: it gets the migrations only (see the README's Security model).
 */
export async function openAppDatabase(opts: AppDatabaseOptions): Promise<AppDbHandle> {
  if (!opts.databaseUrl) {
    const handle = await openDatabase({ pgliteDir: opts.pgliteDir });
    await migrateDatabase(handle);
    return { ...handle, runtime: null };
  }
  let runtime: RuntimeRole | null = null;
  await migrateDatabase({ kind: "postgres" }, opts.databaseUrl, async (owner) => {
    runtime = await prepareRuntimeRole(owner, opts);
  });
  const role = runtime! as RuntimeRole;
  // `role` as a start-up parameter: every pooled connection is the runtime role from its first statement.
  const handle = await openDatabase({
    databaseUrl: opts.appDatabaseUrl ?? opts.databaseUrl,
    maxConnections: opts.maxConnections,
    connection: role.viaSetRole ? { role: role.role } : undefined,
  });
  return { ...handle, runtime: role };
}
