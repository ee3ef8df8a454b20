import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { auditEvents, oauthAssignments } from "@/db/schema";
import { oidcProviderInput, providerCtx } from "@/db/test/provider-ctx";
import { seedUser } from "@/db/test/seed";
import { openPostgresTestDb } from "@/db/test/test-db";
import { removeAssignment } from "@/lib/bindings/change-assignment";
import { createProvider } from "@/lib/identity-providers/create-provider";
import { setUserEnabled } from "@/lib/users/set-user-enabled";
import { describeDevice } from "./describe-device";
import { endUserSession } from "./end-session";
import { listUserSessions } from "./list-sessions";
import { createSession, findLiveSession } from "./sessions";

let handle: DbHandle;
beforeAll(async () => {
  handle = await openPostgresTestDb();
});
afterAll(async () => {
  await handle?.close();
});

const CHROME_LINUX =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";
const ctx = () => ({
  ...providerCtx(handle.db),
  config: { ...providerCtx(handle.db).config, smtpUrl: undefined, mailFrom: "x@example.test" },
});
const live = async (id: string) => (await findLiveSession(handle.db, id)) !== null;
const auditOf = async (userId: string) =>
  (
    await handle.db.select().from(auditEvents).where(eq(auditEvents.action, "SessionRevoked")).orderBy(auditEvents.id)
  ).filter((e) => (e.data as { userId?: string }).userId === userId);

async function userWithSessions() {
  const { user } = await seedUser(handle.db);
  const provider = await createProvider(ctx(), { ...oidcProviderInput(), usedForUserAuthentication: true });
  const other = await createProvider(ctx(), { ...oidcProviderInput(), usedForUserAuthentication: true });
  const fromProvider = await createSession(handle.db, {
    userId: user.id,
    method: "oauth",
    providerId: provider.id,
    ip: "192.0.2.7",
    userAgent: CHROME_LINUX,
  });
  const fromOther = await createSession(handle.db, {
    userId: user.id,
    method: "oauth",
    providerId: other.id,
    ip: "192.0.2.8",
    userAgent: null,
  });
  const password = await createSession(handle.db, {
    userId: user.id,
    method: "password",
    ip: "192.0.2.9",
    userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Version/18.0 Mobile/15E148 Safari/604.1",
  });
  return { user, provider, other, fromProvider, fromOther, password };
}

describe("a user's sessions, listed and ended by an administrator", () => {
  it("lists live sessions with device, IP, method; an ended one disappears and its next request is signed out; audited", async () => {
    const s = await userWithSessions();
    const listed = await listUserSessions(handle.db, s.user.id);
    expect(listed.map((x) => [x.device, x.ip, x.providerName])).toEqual([
      ["Safari on iOS", "192.0.2.9", null],
      ["Unknown device", "192.0.2.8", s.other.name],
      ["Chrome on Linux", "192.0.2.7", s.provider.name],
    ]);
    expect(JSON.stringify(listed)).not.toContain(s.fromProvider);

    const target = listed.find((x) => x.ip === "192.0.2.7")!;
    await endUserSession(ctx(), { userId: s.user.id, sessionId: target.id });
    expect([await live(s.fromProvider), await live(s.fromOther), await live(s.password)]).toEqual([false, true, true]);
    expect((await listUserSessions(handle.db, s.user.id)).map((x) => x.id)).not.toContain(target.id);
    expect((await auditOf(s.user.id)).map((e) => e.data)).toEqual([
      { userId: s.user.id, reason: "Ended by an administrator", count: 1 },
    ]);
    await expect(endUserSession(ctx(), { userId: s.user.id, sessionId: target.id })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("a session id of another user is not found and ends nothing", async () => {
    const s = await userWithSessions();
    const someoneElse = await seedUser(handle.db);
    const [first] = await listUserSessions(handle.db, s.user.id);
    await expect(endUserSession(ctx(), { userId: someoneElse.user.id, sessionId: first!.id })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await live(s.password)).toBe(true);
    expect(await auditOf(someoneElse.user.id)).toEqual([]);
  });

  it("removing an assignment ends the sessions from that provider only; disabling the user ends the rest", async () => {
    const s = await userWithSessions();
    const [assignment] = await handle.db
      .insert(oauthAssignments)
      .values({
        userId: s.user.id,
        providerId: s.provider.id,
        state: "bound",
        subject: `sub-${s.user.id}`,
        boundAt: new Date(),
      })
      .returning();
    await removeAssignment(ctx(), assignment!.id);
    expect([await live(s.fromProvider), await live(s.fromOther), await live(s.password)]).toEqual([false, true, true]);
    expect((await auditOf(s.user.id)).map((e) => e.data)).toEqual([
      { userId: s.user.id, reason: `Assignment to provider '${s.provider.name}' removed`, count: 1 },
    ]);

    // Disabling a user is for someone who holds all they hold: here the system (the seeded caller holds nothing).
    await setUserEnabled({ ...ctx(), actor: { kind: "system" } }, s.user.id, false);
    expect([await live(s.fromOther), await live(s.password)]).toEqual([false, false]);
    expect(await listUserSessions(handle.db, s.user.id)).toEqual([]);
    const [row] = await handle.db
      .select()
      .from(oauthAssignments)
      .where(and(eq(oauthAssignments.id, assignment!.id)));
    expect(row!.state).toBe("invalidated");
  });

  it("names devices from their user agents", () => {
    expect(describeDevice(CHROME_LINUX)).toBe("Chrome on Linux");
    expect(
      describeDevice(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36 Edg/140.0",
      ),
    ).toBe("Edge on Windows");
    expect(describeDevice("Mozilla/5.0 (Macintosh; Intel Mac OS X 14.6; rv:131.0) Gecko/20100101 Firefox/131.0")).toBe(
      "Firefox on macOS",
    );
    expect(describeDevice("curl/8.5.0")).toBe("curl");
    expect(describeDevice(null)).toBe("Unknown device");
  });
});
