import { describeDatabaseUrl } from "@/db/client";
import { getDbHandle } from "@/lib/database";
import { RuntimeRoleError } from "@/db/runtime-role";
import { ConfigError, getConfig } from "./config";
import { seedDemo } from "./demo/seed-demo";
import { startMailDelivery } from "./mail/outbox";
import { startJanitor } from "./maintenance/janitor";
import { startSealing } from "./sealing/seal-jobs";
import { getSealKey } from "./sealing/seal-key";
import { createFirstAdmin } from "./users/create-first-admin";

/**
 * Runs once per server process before it serves: config, database (migrated), first
 * administrator, demo data; then the background loops (mail delivery, janitor). Any failure is one clear line and a non-zero exit.
 */
export async function startApp(): Promise<void> {
  try {
    const config = getConfig();
    // The seal certificate: a bad SEAL_P12_PATH / SEAL_P12_PASSWORD stops the start here, naming the variable.
    const seal = getSealKey(config);
    const handle = await getDbHandle().catch((err: unknown) => {
      throw new StartupError(databaseMessage(config.databaseUrl, err));
    });
    const admin = await createFirstAdmin(handle.db, { email: config.adminEmail, password: config.adminPassword });
    if (admin.created) printFirstAdmin(admin.email, config.adminPassword ? null : admin.password);
    if (config.demo) await seedDemo(handle.db, config);
    startMailDelivery(handle.db, config);
    startJanitor(handle.db);
    startSealing(handle.db, config);
    const database =
      handle.kind === "pglite"
        ? `embedded PGlite in ${config.dataDir}`
        : `${describeDatabaseUrl(config.databaseUrl!)} as role ${handle.runtime?.role}`;
    console.log(`[startup] ready on ${config.appUrl} (database: ${database}; seal: ${seal.subject}, ${seal.source})`);
  } catch (err) {
    const message =
      err instanceof StartupError || err instanceof ConfigError ? err.message : `Startup failed: ${String(err)}`;
    console.error(`[startup] ${message}`);
    process.exit(1);
  }
}

class StartupError extends Error {}

function databaseMessage(url: string | undefined, err: unknown): string {
  if (err instanceof RuntimeRoleError) return err.message;
  let root: unknown = err;
  while (root instanceof Error && root.cause) root = root.cause;
  const reason = root instanceof Error ? root.message || (root as { code?: string }).code : String(root);
  if (!url) return `Cannot open the embedded database (${reason}). Is another instance using the same data folder?`;
  return `Cannot use the database at ${describeDatabaseUrl(url)}: ${reason}. Check DATABASE_URL and that PostgreSQL is running.`;
}

function printFirstAdmin(email: string, generatedPassword: string | null) {
  const lines = [
    "First administrator created:",
    `  email:    ${email}`,
    generatedPassword
      ? `  password: ${generatedPassword}   (shown once; change it after signing in)`
      : "  password: the one in ADMIN_PASSWORD",
  ];
  console.log(lines.map((l) => `[startup] ${l}`).join("\n"));
}
