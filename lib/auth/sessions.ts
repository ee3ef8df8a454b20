import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { appSessions, users } from "@/db/schema";
import type { Db, Tx } from "@/db/client";

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
const TOUCH_AFTER_MS = 5 * 60 * 1000;

const hashId = (id: string) => createHash("sha256").update(id).digest("base64url");

export type NewSession = { userId: string; method: "password" | "oauth"; providerId?: string | null; ip: string | null; userAgent: string | null };

/** A new random id at every sign-in; only its hash is stored. */
export async function createSession(db: Db | Tx, input: NewSession): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await db.insert(appSessions).values({
    idHash: hashId(id),
    userId: input.userId,
    method: input.method,
    providerId: input.providerId ?? null,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 400) ?? null,
    expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
  });
  return id;
}

export type LiveSession = { userId: string; email: string; firstName: string; lastName: string };

/** The session's user when the session is neither revoked nor expired and the user is enabled. */
export async function findLiveSession(db: Db | Tx, id: string): Promise<LiveSession | null> {
  const [row] = await db
    .select({ userId: users.id, email: users.email, firstName: users.firstName, lastName: users.lastName, lastSeenAt: appSessions.lastSeenAt })
    .from(appSessions)
    .innerJoin(users, eq(users.id, appSessions.userId))
    .where(and(eq(appSessions.idHash, hashId(id)), isNull(appSessions.revokedAt), gt(appSessions.expiresAt, sql`now()`), eq(users.enabled, true)));
  if (!row) return null;
  if (Date.now() - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db.update(appSessions).set({ lastSeenAt: sql`now()` }).where(eq(appSessions.idHash, hashId(id)));
  }
  return { userId: row.userId, email: row.email, firstName: row.firstName, lastName: row.lastName };
}

export async function revokeSession(db: Db | Tx, id: string): Promise<void> {
  await db.update(appSessions).set({ revokedAt: sql`now()` }).where(and(eq(appSessions.idHash, hashId(id)), isNull(appSessions.revokedAt)));
}

export async function revokeUserSessions(db: Db | Tx, userId: string): Promise<number> {
  const rows = await db
    .update(appSessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(appSessions.userId, userId), isNull(appSessions.revokedAt)))
    .returning({ idHash: appSessions.idHash });
  return rows.length;
}
