import { createHash, randomBytes, randomUUID } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { appSessions, users } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { preparedStatement } from "@/db/prepared";
import { seal } from "@/lib/crypto/secret-box";

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
const TOUCH_AFTER_MS = 5 * 60 * 1000;

const hashId = (id: string) => createHash("sha256").update(id).digest("base64url");

/** What a sign-in through a provider keeps: the ID token's sub and sid, and the raw ID token (sealed here). */
export type SessionIdentity = {
  subject: string | null;
  sid: string | null;
  idToken: string | null;
  encryptionKey: Buffer;
};

export type NewSession = {
  userId: string;
  method: "password" | "oauth";
  providerId?: string | null;
  ip: string | null;
  userAgent: string | null;
  identity?: SessionIdentity;
};

/** What ending a session writes: revoked now, and the ID token kept for logout is no longer kept. */
export const ENDED_SESSION = { revokedAt: sql`now()`, idTokenSealed: null };

/** The associated data binding a sealed ID token to its session row. */
export const sessionIdTokenAad = (publicId: string) => `app-session-id-token:${publicId}`;

/** A new random id at every sign-in; only its hash is stored. */
export async function createSession(db: Db | Tx, input: NewSession): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  const publicId = randomUUID();
  const identity = input.identity;
  await db.insert(appSessions).values({
    idHash: hashId(id),
    publicId,
    userId: input.userId,
    method: input.method,
    providerId: input.providerId ?? null,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 400) ?? null,
    expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
    idpSubject: identity?.subject ?? null,
    idpSid: identity?.sid ?? null,
    idTokenSealed: identity?.idToken
      ? seal(identity.idToken, identity.encryptionKey, sessionIdTokenAad(publicId))
      : null,
  });
  return id;
}

/** `sessionRef` is the row's public id: it names the session in lists, and opens nothing. */
export type LiveSession = { userId: string; email: string; firstName: string; lastName: string; sessionRef: string };

/** The session's user when the session is neither revoked nor expired and the user is enabled. */
export const selectLiveSession = preparedStatement((db) =>
  db
    .select({
      userId: users.id,
      email: users.email,
      firstName: users.firstName,
      lastName: users.lastName,
      lastSeenAt: appSessions.lastSeenAt,
      sessionRef: appSessions.publicId,
    })
    .from(appSessions)
    .innerJoin(users, eq(users.id, appSessions.userId))
    .where(
      and(
        eq(appSessions.idHash, sql.placeholder("idHash")),
        isNull(appSessions.revokedAt),
        gt(appSessions.expiresAt, sql`now()`),
        eq(users.enabled, true),
      ),
    )
    .prepare("find_live_session"),
);

export async function findLiveSession(db: Db | Tx, id: string): Promise<LiveSession | null> {
  const [row] = await selectLiveSession(db, { idHash: hashId(id) });
  if (!row) return null;
  if (Date.now() - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db
      .update(appSessions)
      .set({ lastSeenAt: sql`now()` })
      .where(eq(appSessions.idHash, hashId(id)));
  }
  return {
    userId: row.userId,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    sessionRef: row.sessionRef,
  };
}

const FILTERS = {
  idHash: appSessions.idHash,
  publicId: appSessions.publicId,
  userId: appSessions.userId,
  providerId: appSessions.providerId,
  idpSid: appSessions.idpSid,
  idpSubject: appSessions.idpSubject,
};
/** Which live sessions to end: every given field must match (an undefined one is ignored; at least one is needed). */
export type SessionFilter = Partial<Record<keyof typeof FILTERS, string>>;

/** The one way sessions end: every live session matching the filter, in the caller's transaction; returns whose ended. */
export async function endLiveSessions(
  db: Db | Tx,
  filter: SessionFilter,
): Promise<{ userId: string; publicId: string }[]> {
  const matches = Object.entries(filter).flatMap(([field, value]) =>
    value === undefined ? [] : [eq(FILTERS[field as keyof typeof FILTERS], value)],
  );
  if (!matches.length) throw new Error("endLiveSessions needs a filter: it never ends every session");
  return db
    .update(appSessions)
    .set(ENDED_SESSION)
    .where(and(isNull(appSessions.revokedAt), ...matches))
    .returning({ userId: appSessions.userId, publicId: appSessions.publicId });
}

export async function revokeSession(db: Db | Tx, id: string): Promise<void> {
  await endLiveSessions(db, { idHash: hashId(id) });
}

export async function revokeUserSessions(db: Db | Tx, userId: string): Promise<number> {
  return (await endLiveSessions(db, { userId })).length;
}
