import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { seedUser } from "@/db/test/seed";
import { openPostgresTestDb } from "@/db/test/test-db";
import type { Ctx } from "@/lib/context";
import { createApiToken, findApiTokenUser, listApiTokens, revokeApiToken } from "./api-tokens";

let handle: DbHandle;
let ctx: Ctx;
let userId: string;
beforeAll(async () => {
  handle = await openPostgresTestDb();
  const { user, email } = await seedUser(handle.db, { permissions: { use_api: "ALLOW" } });
  userId = user.id;
  ctx = { db: handle.db, actor: { kind: "user", userId, email }, ip: "192.0.2.1", userAgent: "vitest" };
});
afterAll(async () => {
  await handle?.close();
});

const days = (d: Date) => (d.getTime() - Date.now()) / 86_400_000;
const row = async (id: string) => (await handle.db.select().from(apiTokens).where(eq(apiTokens.id, id)))[0]!;
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: { code?: string; message?: string; details?: unknown }) => ({
      code: e.code,
      message: e.message,
      details: e.details,
    }),
  );

describe("API token expiry and read-only", () => {
  it("expires after 90 days by default, after the days asked for, never later than a year", async () => {
    const byDefault = await createApiToken(ctx, "default");
    expect(days(byDefault.expiresAt)).toBeGreaterThan(89.9);
    expect(days(byDefault.expiresAt)).toBeLessThanOrEqual(90);
    expect(days((await createApiToken(ctx, { name: "year", expiresInDays: 365 })).expiresAt)).toBeGreaterThan(364.9);
    expect(await refusal(createApiToken(ctx, { name: "too long", expiresInDays: 366 }))).toEqual({
      code: "validation_failed",
      message: "The token is not valid",
      details: [{ path: "$.expiresInDays", message: "At most 365 days" }],
    });
    expect(await refusal(createApiToken(ctx, { name: "none", expiresInDays: 0 }))).toMatchObject({
      details: [{ path: "$.expiresInDays" }],
    });
    expect(await refusal(createApiToken(ctx, { name: " ", expiresInDays: "abc" }))).toMatchObject({
      details: [{ path: "$.name" }, { path: "$.expiresInDays" }],
    });
  });

  it("an expired token says so; a revoked one is not valid; a live one names its user and whether it may write", async () => {
    const live = await createApiToken(ctx, { name: "reader", readOnly: true });
    expect(await findApiTokenUser(handle.db, live.token)).toMatchObject({
      user: { id: userId },
      token: { id: live.id, name: "reader", readOnly: true },
    });
    expect((await findApiTokenUser(handle.db, (await createApiToken(ctx, "writer")).token)).token.readOnly).toBe(false);

    await handle.db
      .update(apiTokens)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(apiTokens.id, live.id));
    expect(await refusal(findApiTokenUser(handle.db, live.token))).toMatchObject({
      code: "unauthorized",
      message: "The API token has expired",
    });
    expect((await listApiTokens(handle.db, userId)).find((t) => t.id === live.id)).toMatchObject({
      expired: true,
      readOnly: true,
    });

    const revoked = await createApiToken(ctx, "revoked");
    await revokeApiToken(ctx, revoked.id);
    expect(await refusal(findApiTokenUser(handle.db, revoked.token))).toMatchObject({
      code: "unauthorized",
      message: "The API token is not valid",
    });
    expect(await refusal(findApiTokenUser(handle.db, "sat_nope"))).toMatchObject({
      code: "unauthorized",
      message: "The API token is not valid",
    });
  });

  it("records 'last used' at most once a minute per token, in the update's own condition", async () => {
    const { id, token } = await createApiToken(ctx, "busy");
    expect((await row(id)).lastUsedAt).toBeNull();
    await findApiTokenUser(handle.db, token);
    const first = (await row(id)).lastUsedAt!;
    expect(first).not.toBeNull();
    await Promise.all(Array.from({ length: 5 }, () => findApiTokenUser(handle.db, token)));
    expect((await row(id)).lastUsedAt).toEqual(first);
    await handle.db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now() - interval '59 seconds'` })
      .where(eq(apiTokens.id, id));
    const recent = (await row(id)).lastUsedAt;
    await findApiTokenUser(handle.db, token);
    expect((await row(id)).lastUsedAt).toEqual(recent);
    await handle.db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now() - interval '61 seconds'` })
      .where(eq(apiTokens.id, id));
    await findApiTokenUser(handle.db, token);
    expect(Date.now() - (await row(id)).lastUsedAt!.getTime()).toBeLessThan(5_000);
  });
});
