import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type DbHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { createTestDatabase, isPostgresReachable } from "@/db/test/databases";
import { openPgliteTestDb } from "@/db/test/test-db";
import { ZLoginInput } from "@/lib/auth/schema";
import { verifyPasswordLogin } from "@/lib/auth/verify-password-login";
import { loadUserPermissions } from "./permissions";
import { createFirstAdmin } from "./create-first-admin";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function userCount(handle: DbHandle): Promise<number> {
  const rows = await handle.db.execute(sql`select count(*)::int as n from users`);
  const list = Array.isArray(rows) ? rows : (rows as unknown as { rows: unknown[] }).rows;
  return (list[0] as { n: number }).n;
}

describe("first administrator", () => {
  it("is created once on an empty database, with a generated password that signs in and every permission", async () => {
    const handle = await openPgliteTestDb();
    cleanups.push(handle.close);
    const first = await createFirstAdmin(handle.db, {});
    expect(first.created).toBe(true);
    expect(first.password!.length).toBeGreaterThanOrEqual(16);
    const again = await createFirstAdmin(handle.db, {});
    expect(again).toMatchObject({ created: false, password: null });
    expect(await userCount(handle)).toBe(1);
    const login = await verifyPasswordLogin(
      { db: handle.db, actor: { kind: "anonymous" }, ip: null, userAgent: null },
      ZLoginInput.parse({ email: first.email, password: first.password }),
    );
    expect(login.ok).toBe(true);
    if (login.ok)
      expect(Object.values(await loadUserPermissions(handle.db, login.user.id)).every((v) => v === "ALLOW")).toBe(true);
  });

  it("takes ADMIN_EMAIL / ADMIN_PASSWORD, and instances starting together create exactly one (PostgreSQL)", async () => {
    if (!(await isPostgresReachable())) throw new Error("PostgreSQL not reachable: this test needs it");
    const database = await createTestDatabase("admin");
    cleanups.push(database.drop);
    const handles = await Promise.all(
      Array.from({ length: 4 }, () => openDatabase({ databaseUrl: database.url, maxConnections: 2 })),
    );
    cleanups.push(...handles.map((h) => h.close));
    await migrateDatabase(handles[0]!, database.url);
    const results = await Promise.all(
      handles.map((h) => createFirstAdmin(h.db, { email: "boss@example.test", password: "a-long-admin-password" })),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await userCount(handles[0]!)).toBe(1);
  });
});
