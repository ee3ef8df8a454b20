import { createHash, randomBytes, randomUUID } from "node:crypto";
import { count, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db, type DbHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import {
  appSessions,
  auditEvents,
  authThrottle,
  logoutRequests,
  logoutTokenJtis,
  oauthTransactions,
} from "@/db/schema";
import { createTestDatabase, isPostgresReachable } from "@/db/test/databases";
import { seedUser } from "@/db/test/seed";
import { openPgliteTestDb } from "@/db/test/test-db";
import { emitAudit } from "@/lib/audit/emit-audit";
import { verifyAuditStream } from "@/lib/audit/verify-stream";
import { createSession } from "@/lib/sessions/sessions";
import { systemCtx } from "@/lib/context";
import { runJanitor } from "./janitor";

// The janitor sweeps every table it owns in the whole database, so each backend here gets a
// database of its own: other test files' deliberately expired rows stay out of its reach.

const ago = (ms: number) => new Date(Date.now() - ms);
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const rnd = () => randomBytes(16).toString("hex");

async function seedTransaction(
  db: Db,
  t: { purpose: string; providerId: string; createdAt: Date; expiresAt: Date; result?: Record<string, unknown> | null },
) {
  const [row] = await db
    .insert(oauthTransactions)
    .values({
      stateHash: rnd(),
      browserHash: rnd(),
      secretsSealed: "sealed",
      redirectUri: "http://localhost:3000/oauth/callback/x",
      result: t.result ?? null,
      ...t,
    })
    .returning({ id: oauthTransactions.id });
  return row!.id;
}

async function seedSession(db: Db, userId: string, t: { expiresAt: Date; revokedAt?: Date }) {
  const id = await createSession(db, {
    userId,
    method: "oauth",
    providerId: randomUUID(),
    ip: null,
    userAgent: null,
    identity: { subject: "s", sid: rnd(), idToken: "eyJ.fake.idtoken", encryptionKey: randomBytes(32) },
  });
  const idHash = createHash("sha256").update(id).digest("base64url");
  // As ending a session does (ENDED_SESSION): a revoked row keeps no ID token.
  await db
    .update(appSessions)
    .set({ expiresAt: t.expiresAt, revokedAt: t.revokedAt ?? null, ...(t.revokedAt ? { idTokenSealed: null } : {}) })
    .where(eq(appSessions.idHash, idHash));
  return idHash;
}

/** One of each row a live app keeps, and one of each the janitor must remove. */
async function seedWorld(db: Db) {
  const { user } = await seedUser(db);
  const [p, q] = [randomUUID(), randomUUID()];
  const tx = {
    loginExpired: await seedTransaction(db, {
      purpose: "login",
      providerId: p,
      createdAt: ago(70 * MIN),
      expiresAt: ago(60 * MIN),
      result: { userId: user.id, idp: { idTokenSealed: "sealed-id-token" } },
    }),
    signerExpired: await seedTransaction(db, {
      purpose: "signer",
      providerId: p,
      createdAt: ago(DAY),
      expiresAt: ago(DAY - 10 * MIN),
    }),
    loginLive: await seedTransaction(db, {
      purpose: "login",
      providerId: p,
      createdAt: ago(0),
      expiresAt: ago(-10 * MIN),
    }),
    loginJustExpired: await seedTransaction(db, {
      purpose: "login",
      providerId: p,
      createdAt: ago(11 * MIN),
      expiresAt: ago(MIN),
    }),
    oldTestReport: await seedTransaction(db, {
      purpose: "test",
      providerId: p,
      createdAt: ago(40 * DAY),
      expiresAt: ago(40 * DAY - 10 * MIN),
      result: { ok: true },
    }),
    recentTestReport: await seedTransaction(db, {
      purpose: "test",
      providerId: p,
      createdAt: ago(DAY),
      expiresAt: ago(DAY - 10 * MIN),
      result: { ok: true },
    }),
    newestTestReportOfQ: await seedTransaction(db, {
      purpose: "test",
      providerId: q,
      createdAt: ago(40 * DAY),
      expiresAt: ago(40 * DAY - 10 * MIN),
      result: { ok: true },
    }),
  };
  const lr = (over: { expiresAt: Date; usedAt?: Date }) =>
    db
      .insert(logoutRequests)
      .values({ stateHash: rnd(), browserHash: rnd(), providerId: p, userId: user.id, ...over })
      .returning({ id: logoutRequests.id })
      .then((r) => r[0]!.id);
  const logout = {
    used: await lr({ expiresAt: ago(-5 * MIN), usedAt: ago(MIN) }),
    expired: await lr({ expiresAt: ago(MIN) }),
    live: await lr({ expiresAt: ago(-5 * MIN) }),
  };
  await db.insert(logoutTokenJtis).values([
    { providerId: p, jti: "jti-expired", expiresAt: ago(MIN) },
    { providerId: p, jti: "jti-live", expiresAt: ago(-10 * MIN) },
  ]);
  const session = {
    live: await seedSession(db, user.id, { expiresAt: ago(-DAY) }),
    expiredYesterday: await seedSession(db, user.id, { expiresAt: ago(DAY) }),
    expiredLongAgo: await seedSession(db, user.id, { expiresAt: ago(40 * DAY) }),
    revokedLongAgo: await seedSession(db, user.id, { expiresAt: ago(39 * DAY), revokedAt: ago(40 * DAY) }),
    revokedRecently: await seedSession(db, user.id, { expiresAt: ago(-DAY), revokedAt: ago(2 * DAY) }),
  };
  return { user, tx, logout, session };
}

async function expectSwept(db: Db, w: Awaited<ReturnType<typeof seedWorld>>) {
  const txIds = (
    await db
      .select({ id: oauthTransactions.id })
      .from(oauthTransactions)
      .where(inArray(oauthTransactions.id, Object.values(w.tx)))
  )
    .map((r) => r.id)
    .sort();
  expect(txIds).toEqual(
    [w.tx.loginLive, w.tx.loginJustExpired, w.tx.recentTestReport, w.tx.newestTestReportOfQ].sort(),
  );
  const lrIds = (
    await db
      .select({ id: logoutRequests.id })
      .from(logoutRequests)
      .where(inArray(logoutRequests.id, Object.values(w.logout)))
  ).map((r) => r.id);
  expect(lrIds).toEqual([w.logout.live]);
  expect((await db.select({ jti: logoutTokenJtis.jti }).from(logoutTokenJtis)).map((r) => r.jti)).toEqual(["jti-live"]);
  const sessions = await db.select().from(appSessions).where(eq(appSessions.userId, w.user.id));
  const byId = new Map(sessions.map((s) => [s.idHash, s]));
  expect([...byId.keys()].sort()).toEqual(
    [w.session.live, w.session.expiredYesterday, w.session.revokedRecently].sort(),
  );
  expect(byId.get(w.session.live)!.idTokenSealed).toBeTruthy();
  expect(byId.get(w.session.expiredYesterday)!.idTokenSealed).toBeNull();
}

const BACKENDS = [
  {
    backend: "PostgreSQL",
    open: async () => {
      if (!(await isPostgresReachable())) throw new Error("PostgreSQL is not reachable: this test needs it");
      const database = await createTestDatabase("janitor");
      const handle = await openDatabase({ databaseUrl: database.url, maxConnections: 3 });
      await migrateDatabase(handle, database.url);
      const other = await openDatabase({ databaseUrl: database.url, maxConnections: 3 });
      return { handle, other, close: async () => (await other.close(), await handle.close(), await database.drop()) };
    },
  },
  {
    backend: "PGlite",
    open: async () => ({
      handle: await openPgliteTestDb(),
      other: null as DbHandle | null,
      close: async () => undefined,
    }),
  },
] as const;

describe.each(BACKENDS)("janitor on $backend", ({ open }) => {
  let env: Awaited<ReturnType<(typeof BACKENDS)[number]["open"]>>;
  beforeAll(async () => {
    env = await open();
  });
  afterAll(async () => {
    await env?.close();
    if (env && !env.other) await env.handle.close();
  });

  it("removes what is past expiry or retention, keeps what is live, and leaves the audit trail alone", async () => {
    const db = env.handle.db;
    await emitAudit(db, systemCtx(db), {
      action: "InstanceSettingChanged",
      data: { key: "janitor-test", changes: [] },
    });
    const auditBefore = (await db.select({ n: count() }).from(auditEvents))[0]!.n;
    const world = await seedWorld(db);
    // Sign-in failure counters: one whose window ended long ago goes; a fresh one and one still waiting stay.
    const tag = randomUUID();
    await db.insert(authThrottle).values([
      {
        key: `old ${tag}`,
        failures: 7,
        windowStart: sql`now() - interval '2 days'`,
        lockedUntil: sql`now() - interval '2 days'`,
      },
      { key: `fresh ${tag}`, failures: 2, windowStart: sql`now() - interval '1 hour'` },
      {
        key: `waiting ${tag}`,
        failures: 20,
        windowStart: sql`now() - interval '26 hours'`,
        lockedUntil: sql`now() + interval '10 minutes'`,
      },
    ]);

    const report = await runJanitor(db, { batch: 2 });
    expect(report).toMatchObject({
      oauthTransactions: 3,
      logoutRequests: 2,
      logoutTokenJtis: 1,
      idTokensOfExpiredSessions: 2,
      authThrottle: 1,
      appSessions: 2,
      refusalSummaries: 0,
    });
    await expectSwept(db, world);
    const throttleLeft = await db
      .select({ key: authThrottle.key })
      .from(authThrottle)
      .where(sql`${authThrottle.key} like ${`% ${tag}`}`);
    expect(throttleLeft.map((r) => r.key).sort()).toEqual([`fresh ${tag}`, `waiting ${tag}`]);
    expect((await db.select({ n: count() }).from(auditEvents))[0]!.n).toBe(auditBefore);
    expect((await verifyAuditStream(db, "org")).valid).toBe(true);

    // A second pass finds nothing more.
    expect(Object.values(await runJanitor(db))).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it("two instances sweeping at once neither fail nor wait for each other, and remove each row once", async () => {
    const db = env.handle.db;
    await db.delete(logoutTokenJtis);
    const world = await seedWorld(db);
    const runs = await Promise.all([
      runJanitor(db, { batch: 1 }),
      runJanitor((env.other ?? env.handle).db, { batch: 1 }),
    ]);
    expect(runs[0].oauthTransactions + runs[1].oauthTransactions).toBe(3);
    expect(runs[0].appSessions + runs[1].appSessions).toBe(2);
    expect(runs[0].logoutRequests + runs[1].logoutRequests).toBe(2);
    await expectSwept(db, world);
  });
});
