// Helpers of the users tests: a database of their own per backend (the last-administrator rule
// looks at every user, so a database shared with other tests would hide it), and contexts.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { openDatabase, type DbHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { createTestDatabase, isPostgresReachable } from "@/db/test/databases";
import { openPgliteTestDb } from "@/db/test/test-db";
import type { Ctx } from "@/lib/context";

export type Backend = "PostgreSQL" | "PGlite";

export async function openFreshDb(backend: Backend): Promise<DbHandle> {
  if (backend === "PGlite") return openPgliteTestDb();
  if (!(await isPostgresReachable())) throw new Error("PostgreSQL is not reachable: this test needs it");
  const database = await createTestDatabase("users");
  const handle = await openDatabase({ databaseUrl: database.url, maxConnections: 5 });
  await migrateDatabase(handle, database.url);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await database.drop();
    },
  };
}

export const adminCtx = (db: DbHandle["db"], actor: { userId?: string; email?: string } = {}): Ctx => ({
  db,
  actor: { kind: "user", userId: actor.userId ?? randomUUID(), email: actor.email ?? "admin@example.test" },
  ip: "192.0.2.7",
  userAgent: "vitest",
});

/** Makes the audit insert of `action` fail for rows whose userId or email is `match`: the change must roll back with it. */
export async function failAuditFor(db: DbHandle["db"], action: string, match: string): Promise<void> {
  await db.execute(sql`create table if not exists test_audit_failures (action text not null, match text not null)`);
  await db.execute(sql`create or replace function test_audit_fail() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from test_audit_failures f where f.action = NEW.action and f.match in (NEW.data->>'userId', NEW.data->>'email')) then
        raise exception 'audit insert refused by the test';
      end if;
      return NEW;
    end $$`);
  await db.execute(sql`drop trigger if exists test_audit_fail on audit_events`);
  await db.execute(
    sql`create trigger test_audit_fail before insert on audit_events for each row execute function test_audit_fail()`,
  );
  await db.execute(sql`insert into test_audit_failures (action, match) values (${action}, ${match})`);
}
