import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { appSessions, users } from "@/db/schema";
import { seedUser } from "@/db/test/seed";
import { openTestDb } from "@/db/test/test-db";
import { createSession, endLiveSessions, findLiveSession, revokeSession, revokeUserSessions } from "./sessions";

let handle: DbHandle;
beforeAll(async () => {
  handle = await openTestDb();
});
afterAll(async () => {
  await handle.close();
});

const newSession = (userId: string) =>
  createSession(handle.db, { userId, method: "password", ip: "192.0.2.1", userAgent: "vitest" });

describe("server-side sessions", () => {
  it("a new random id per sign-in, stored only as a hash", async () => {
    const { user } = await seedUser(handle.db);
    const [a, b] = [await newSession(user.id), await newSession(user.id)];
    expect(a).not.toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(43);
    const rows = await handle.db.select().from(appSessions).where(eq(appSessions.userId, user.id));
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.idHash)).not.toContain(a);
    expect((await findLiveSession(handle.db, a))?.userId).toBe(user.id);
  });

  it("ending sessions needs a filter: an empty one (or one of undefined fields) ends nothing and throws", async () => {
    const { user } = await seedUser(handle.db);
    const a = await newSession(user.id);
    await expect(endLiveSessions(handle.db, {})).rejects.toThrow(/needs a filter/);
    await expect(endLiveSessions(handle.db, { idpSid: undefined })).rejects.toThrow(/needs a filter/);
    expect(await findLiveSession(handle.db, a)).not.toBeNull();
    expect(await endLiveSessions(handle.db, { userId: user.id, providerId: undefined })).toHaveLength(1);
    expect(await findLiveSession(handle.db, a)).toBeNull();
  });

  it("sign-out ends exactly that session", async () => {
    const { user } = await seedUser(handle.db);
    const [a, b] = [await newSession(user.id), await newSession(user.id)];
    await revokeSession(handle.db, a);
    expect(await findLiveSession(handle.db, a)).toBeNull();
    expect(await findLiveSession(handle.db, b)).not.toBeNull();
  });

  it("disabling a user ends their sessions; revoking all ends every one", async () => {
    const { user } = await seedUser(handle.db);
    const id = await newSession(user.id);
    await handle.db.update(users).set({ enabled: false }).where(eq(users.id, user.id));
    expect(await findLiveSession(handle.db, id)).toBeNull();
    await handle.db.update(users).set({ enabled: true }).where(eq(users.id, user.id));
    expect(await revokeUserSessions(handle.db, user.id)).toBe(1);
    expect(await findLiveSession(handle.db, id)).toBeNull();
  });

  it("an expired session or an unknown id is not live", async () => {
    const { user } = await seedUser(handle.db);
    const id = await newSession(user.id);
    await handle.db
      .update(appSessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(appSessions.userId, user.id));
    expect(await findLiveSession(handle.db, id)).toBeNull();
    expect(await findLiveSession(handle.db, "not-a-session")).toBeNull();
  });
});
