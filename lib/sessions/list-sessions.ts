import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { appSessions, identityProviders } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { describeDevice } from "./describe-device";

/** A live session as Settings → Users and the API show it (no id, no token: `id` is the public handle). */
export type SessionJson = {
  id: string;
  device: string;
  userAgent: string | null;
  ip: string | null;
  method: "password" | "oauth";
  providerName: string | null;
  startedAt: string;
  lastSeenAt: string;
  expiresAt: string;
};

/** The user's sessions that are neither ended nor expired, newest first. */
export async function listUserSessions(db: Db | Tx, userId: string): Promise<SessionJson[]> {
  const rows = await db
    .select({ s: appSessions, providerName: identityProviders.name })
    .from(appSessions)
    .leftJoin(identityProviders, eq(identityProviders.id, appSessions.providerId))
    .where(and(eq(appSessions.userId, userId), isNull(appSessions.revokedAt), gt(appSessions.expiresAt, sql`now()`)))
    .orderBy(desc(appSessions.createdAt));
  return rows.map(({ s, providerName }) => ({
    id: s.publicId,
    device: describeDevice(s.userAgent),
    userAgent: s.userAgent,
    ip: s.ip,
    method: s.method === "oauth" ? "oauth" : "password",
    providerName: s.method === "oauth" ? (providerName ?? "a deleted provider") : null,
    startedAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
  }));
}
