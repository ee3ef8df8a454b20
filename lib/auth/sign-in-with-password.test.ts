import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { appSessions, auditEvents } from "@/db/schema";
import { seedUser } from "@/db/test/seed";
import { openTestDb } from "@/db/test/test-db";
import type { Ctx } from "@/lib/context";
import { signInWithPassword } from "./sign-in-with-password";

let handle: DbHandle;
const ctx = (): Ctx => ({ db: handle.db, actor: { kind: "anonymous" }, ip: "192.0.2.44", userAgent: "vitest" });
beforeAll(async () => {
  handle = await openTestDb();
});
afterAll(async () => {
  await handle.close();
});

const orgEventsOf = (label: string) =>
  handle.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.stream, "org"), eq(auditEvents.actorLabel, label)))
    .orderBy(auditEvents.seq);

describe("password sign-in with its audit trail", () => {
  it("a success opens a session and writes LoginSucceeded; the password appears nowhere", async () => {
    const { email, password, user } = await seedUser(handle.db);
    const result = await signInWithPassword(ctx(), { email, password: password! });
    expect(result).toMatchObject({ ok: true, userId: user.id });
    expect(await handle.db.select().from(appSessions).where(eq(appSessions.userId, user.id))).toHaveLength(1);
    const [event] = await orgEventsOf(email);
    expect(event).toMatchObject({
      action: "LoginSucceeded",
      actorUserId: user.id,
      ip: "192.0.2.44",
      description: `${email} signed in with a password`,
    });
    expect(JSON.stringify(event)).not.toContain(password!);
  });

  it("a refusal writes LoginFailed with the reason and opens no session", async () => {
    const { email, user } = await seedUser(handle.db);
    const result = await signInWithPassword(ctx(), { email, password: "guessed-password" });
    expect(result).toEqual({ ok: false, reason: "invalid" });
    expect(await handle.db.select().from(appSessions).where(eq(appSessions.userId, user.id))).toHaveLength(0);
    const [event] = await orgEventsOf(email);
    expect(event).toMatchObject({
      action: "LoginFailed",
      description: `Sign-in as ${email} with a password refused: invalid email or password`,
    });
    expect(JSON.stringify(event)).not.toContain("guessed-password");
  });
});
