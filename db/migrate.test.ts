import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type DbHandle } from "./client";
import { migrateDatabase } from "./migrate";
import { createTestDatabase, isPostgresReachable, TEST_SERVER_URL } from "./test/databases";

const EXPECTED_TABLES = [
  "api_tokens",
  "app_sessions",
  "audit_event_signatures",
  "audit_events",
  "audit_streams",
  "auth_throttle",
  "callback_attempts",
  "callback_deliveries",
  "envelope_documents",
  "envelopes",
  "files",
  "identity_providers",
  "instance_settings",
  "logout_requests",
  "logout_token_jtis",
  "mail_outbox",
  "notification_templates",
  "oauth_assignments",
  "oauth_transactions",
  "provider_keys",
  "recipients",
  "refusal_audit_windows",
  "roles",
  "seal_jobs",
  "sealed_documents",
  "sealed_download_links",
  "signature_fields",
  "user_roles",
  "users",
];

async function tablesOf(handle: DbHandle): Promise<string[]> {
  const rows = await handle.db.execute<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
  );
  return (Array.isArray(rows) ? rows : (rows as { rows: { table_name: string }[] }).rows).map((r) => r.table_name);
}

describe("migrations", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it("apply to a new, empty PostgreSQL database, twice without harm, and from two instances at once", async () => {
    if (!(await isPostgresReachable()))
      throw new Error(`PostgreSQL not reachable at ${new URL(TEST_SERVER_URL).host}: this test needs it`);
    const database = await createTestDatabase("migrate");
    cleanups.push(database.drop);
    const a = await openDatabase({ databaseUrl: database.url });
    const b = await openDatabase({ databaseUrl: database.url });
    cleanups.push(a.close, b.close);
    expect(await tablesOf(a)).toEqual([]);
    await Promise.all([migrateDatabase(a, database.url), migrateDatabase(b, database.url)]);
    expect(await tablesOf(a)).toEqual(EXPECTED_TABLES);
    await migrateDatabase(a, database.url);
    const applied = await a.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect((applied as unknown as { n: number }[])[0]!.n).toBeGreaterThan(0);
  });

  it("apply to embedded PGlite, with the same tables", async () => {
    const handle = await openDatabase({ pgliteDir: "memory://" });
    cleanups.push(handle.close);
    expect(await tablesOf(handle)).toEqual([]);
    await migrateDatabase(handle);
    await migrateDatabase(handle);
    expect(await tablesOf(handle)).toEqual(EXPECTED_TABLES);
  });
});
