// The bench's database, migrated, and the user a bench acts as: its permissions and an API token.
import { openDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { seedUser, type SeedUserInput } from "../db/test/seed";
import { createApiToken } from "../lib/auth/api-tokens";
import type { Ctx } from "../lib/context";

/** Seeds the user and its token named `tokenName`; `then` runs as that user before the connection closes. */
export async function seedApiUser<T>(
  dbUrl: string,
  user: { email: string; permissions: SeedUserInput["permissions"]; tokenName: string },
  then: (ctx: Ctx, token: string) => Promise<T>,
): Promise<T> {
  const handle = await openDatabase({ databaseUrl: dbUrl, maxConnections: 2 });
  try {
    await migrateDatabase(handle, dbUrl);
    const { user: seeded } = await seedUser(handle.db, { email: user.email, permissions: user.permissions });
    const ctx: Ctx = {
      db: handle.db,
      actor: { kind: "user", userId: seeded.id, email: seeded.email },
      ip: "192.0.2.1",
      userAgent: "bench",
    };
    const { token } = await createApiToken(ctx, user.tokenName);
    return await then(ctx, token);
  } finally {
    await handle.close();
  }
}
