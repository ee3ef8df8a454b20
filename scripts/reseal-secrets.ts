// Key rotation, step 2 (README "Rotating ENCRYPTION_KEY"): re-seal every secret with the current key.
//   ENCRYPTION_KEY=<new> ENCRYPTION_KEY_PREVIOUS=<old> [DATABASE_URL=…] npx tsx scripts/reseal-secrets.ts
import path from "node:path";
import { openDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { loadConfig } from "../lib/config";
import { resealSecrets } from "../lib/maintenance/reseal-secrets";

const config = loadConfig(process.env);
const handle = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, "pglite") });
try {
  await migrateDatabase(handle, config.databaseUrl);
  const { resealed } = await resealSecrets(handle.db, config.encryptionKeys);
  console.log(
    `[reseal] ${resealed} secret(s) re-sealed with the current key; ENCRYPTION_KEY_PREVIOUS can now be removed.`,
  );
} finally {
  await handle.close();
}
