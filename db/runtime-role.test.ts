import { randomBytes, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emitAudit } from "@/lib/audit/emit-audit";
import { envelopeStream } from "@/lib/audit/events";
import { verifyAuditStream } from "@/lib/audit/verify-stream";
import { runJanitor } from "@/lib/maintenance/janitor";
import { createFirstAdmin } from "@/lib/users/create-first-admin";
import type { Db, DbHandle } from "./client";
import { openAppDatabase } from "./open-app-database";
import { TEST_SERVER_URL } from "./test/databases";

// The database is the surface here: a fresh database owned by a NON-superuser role, migrated
// by that owner, then everything the running app's connection might try against history.

const id = randomBytes(4).toString("hex");
const owner = `audit_owner_${id}`;
const weakOwner = `audit_weak_owner_${id}`;
const appLogin = `audit_app_login_${id}`;
const dbName = `audit_role_${id}`;
const weakDbName = `audit_role_weak_${id}`;

const urlFor = (user: string, database: string) => {
  const u = new URL(TEST_SERVER_URL);
  u.username = user;
  u.password = "";
  u.pathname = `/${database}`;
  return u.toString();
};

// Each statement someone holding the app's connection (a bug, an injection) would run to rewrite history.
const ATTACKS = [
  "update audit_events set description = 'forged'",
  "delete from audit_events",
  "truncate audit_events",
  "alter table audit_events disable trigger audit_events_no_update_delete",
  "alter table audit_events disable trigger user",
  "drop trigger audit_events_no_update_delete on audit_events",
  "alter table audit_events owner to current_user",
  "drop table audit_events",
  "create or replace function audit_events_refuse_change() returns trigger language plpgsql as $$ begin return new; end $$",
  "update audit_streams set last_hash = repeat('f', 64)",
  "delete from audit_streams",
  "insert into audit_streams (stream, last_seq, last_hash) values ('forged', 0, '')",
  "update audit_event_signatures set signature = ''",
  "delete from audit_event_signatures",
  "truncate audit_event_signatures",
  "alter table audit_event_signatures disable trigger user",
];

/** "accepted", or the SQLSTATE PostgreSQL refused the statement with. */
const attempt = (db: Db, statement: string) =>
  db.execute(sql.raw(statement)).then(
    () => "accepted",
    (e: Error) => {
      const cause = (e.cause ?? e) as { code?: string; message: string };
      return cause.code ?? cause.message;
    },
  );

const ctx = { actor: { kind: "system" as const }, ip: null };

describe("the app's own database role cannot rewrite history (PostgreSQL, non-superuser owner)", () => {
  let admin: postgres.Sql;
  let superDb: postgres.Sql;
  beforeAll(async () => {
    admin = postgres(TEST_SERVER_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create role ${owner} login createrole`);
    await admin.unsafe(`create role ${weakOwner} login`);
    await admin.unsafe(`create role ${appLogin} login`);
    await admin.unsafe(`create database ${dbName} owner ${owner}`);
    await admin.unsafe(`create database ${weakDbName} owner ${weakOwner}`);
    superDb = postgres(urlFor("postgres", dbName), { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await superDb?.end({ timeout: 5 });
    for (const d of [dbName, weakDbName]) await admin.unsafe(`drop database if exists ${d} with (force)`);
    for (const r of [`${owner}_app`, appLogin, owner, weakOwner]) await admin.unsafe(`drop role if exists ${r}`);
    await admin.end({ timeout: 5 });
  });

  async function expectEveryAttackRefused(app: DbHandle, label: string) {
    const envelopeId = randomUUID();
    for (let n = 1; n <= 3; n++)
      await emitAudit(app.db, ctx, { action: "PageViewChanged", envelopeId, data: { page: n } });
    const outcomes: Record<string, string> = {};
    for (const statement of ATTACKS) outcomes[statement] = await attempt(app.db, statement);
    // A GRANT without the grant option is only a warning in PostgreSQL: what matters is that nothing was granted.
    await attempt(
      app.db,
      "grant update, delete, truncate, trigger on audit_events, audit_streams, audit_event_signatures to current_user",
    );
    const granted = await app.db.execute(sql`
      select t, p from unnest(array['audit_events', 'audit_streams', 'audit_event_signatures']) t,
        unnest(array['UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER', 'REFERENCES']) p
      where to_regclass(t) is not null and has_table_privilege(t, p)`);
    expect({ label, outcomes, granted: [...(granted as unknown as unknown[])] }).toEqual({
      label,
      outcomes: Object.fromEntries(ATTACKS.map((s) => [s, "42501"])), // insufficient_privilege, every one
      granted: [],
    });
    // Seen from outside: triggers on, owner unchanged, rows and chain intact.
    const triggers =
      await superDb`select tgname, tgenabled from pg_trigger where tgrelid = 'audit_events'::regclass and not tgisinternal`;
    expect(triggers.map((t) => t.tgenabled)).toEqual(["O", "O", "O"]);
    const [table] =
      await superDb`select pg_get_userbyid(relowner) as owner from pg_class where oid = 'audit_events'::regclass`;
    expect(table!.owner).toBe(owner);
    expect(await verifyAuditStream(app.db, envelopeStream(envelopeId))).toMatchObject({ valid: true, count: 3 });
  }

  it("migrations run as the owner; the app's pooled connections switch to a runtime role that may only INSERT and SELECT history", async () => {
    const app = await openAppDatabase({ databaseUrl: urlFor(owner, dbName) });
    try {
      const [who] = (await app.db.execute(sql`select current_user as role, session_user as login`)) as unknown as {
        role: string;
        login: string;
      }[];
      expect(who).toEqual({ role: `${owner}_app`, login: owner });
      // The app still does its work: users, sessions, the janitor's deletes, audit rows.
      await createFirstAdmin(app.db, { email: "admin@role.test", password: "role-test-password" });
      await runJanitor(app.db);
      await expectEveryAttackRefused(app, "SET ROLE runtime");
    } finally {
      await app.close();
    }
  });

  it("with DATABASE_APP_URL the app logs in as its own role, which cannot even switch back to the owner", async () => {
    const app = await openAppDatabase({ databaseUrl: urlFor(owner, dbName), appDatabaseUrl: urlFor(appLogin, dbName) });
    try {
      expect(await attempt(app.db, `set role ${owner}`)).toBe("42501");
      await attempt(app.db, "reset role");
      await createFirstAdmin(app.db, { email: "admin@role.test", password: "role-test-password" });
      await expectEveryAttackRefused(app, "DATABASE_APP_URL");
    } finally {
      await app.close();
    }
  });

  it("refuses to start when the runtime role is the owner itself", async () => {
    await expect(
      openAppDatabase({ databaseUrl: urlFor(owner, dbName), appDatabaseUrl: urlFor(owner, dbName) }),
    ).rejects.toThrow(/DATABASE_APP_URL .*owner/);
  });

  it("fails start-up with a clear message when the owner may not create the runtime role", async () => {
    await expect(openAppDatabase({ databaseUrl: urlFor(weakOwner, weakDbName) })).rejects.toThrow(
      new RegExp(`cannot create the runtime role "${weakOwner}_app".*CREATEROLE.*DATABASE_APP_URL`),
    );
  });
});
