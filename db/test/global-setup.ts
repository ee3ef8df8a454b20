// Vitest global setup: one fresh, migrated PostgreSQL database per run (PGlite only where no server exists and not in CI).
import type { TestProject } from "vitest/node";
import { openDatabase } from "../client";
import { migrateDatabase } from "../migrate";
import { createTestDatabase, isPostgresReachable, TEST_SERVER_URL } from "./databases";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string | null;
  }
}

export default async function setup(project: TestProject) {
  const reachable = await isPostgresReachable();
  if (!reachable) {
    if (process.env.CI || process.env.TEST_DATABASE_URL) {
      throw new Error(`PostgreSQL is required for the tests and is not reachable at ${new URL(TEST_SERVER_URL).host}.`);
    }
    console.warn("\n*** No PostgreSQL reachable: integration tests run on embedded PGlite only. ***\n");
    project.provide("databaseUrl", null);
    return;
  }
  const database = await createTestDatabase("vitest");
  const handle = await openDatabase({ databaseUrl: database.url, maxConnections: 1 });
  await migrateDatabase(handle, database.url);
  await handle.close();
  project.provide("databaseUrl", database.url);
  return async () => {
    await database.drop();
  };
}
