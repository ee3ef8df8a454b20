import { and, desc, eq } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import { identityProviders, oauthAssignments } from "@/db/schema";
import type { Db, Tx } from "@/db/client";

export type AssignmentJson = {
  id: string;
  providerId: string;
  providerName: string;
  state: "invited" | "bound" | "invalidated" | "expired";
  subject: string | null;
  boundAt: string | null;
  linkExpiresAt: string | null;
  lastSentAt: string | null;
  invalidatedAt: string | null;
};

/** A user's assignments, newest first; an invitation past its expiry reads as "expired". */
export async function listAssignments(db: Db | Tx, userId: string): Promise<AssignmentJson[]> {
  const rows = await db
    .select({ a: oauthAssignments, providerName: identityProviders.name })
    .from(oauthAssignments)
    .innerJoin(identityProviders, eq(identityProviders.id, oauthAssignments.providerId))
    .where(eq(oauthAssignments.userId, userId))
    .orderBy(desc(oauthAssignments.createdAt));
  return rows.map(({ a, providerName }) => ({
    id: a.id,
    providerId: a.providerId,
    providerName,
    state: (a.state === "invited" && a.linkExpiresAt && a.linkExpiresAt.getTime() < Date.now()
      ? "expired"
      : a.state) as AssignmentJson["state"],
    subject: a.subject,
    boundAt: a.boundAt?.toISOString() ?? null,
    linkExpiresAt: a.linkExpiresAt?.toISOString() ?? null,
    lastSentAt: a.lastSentAt?.toISOString() ?? null,
    invalidatedAt: a.invalidatedAt?.toISOString() ?? null,
  }));
}

/** The assignment must be this user's: another user's id in the path names nothing (404). */
export async function requireAssignmentOf(db: Db | Tx, userId: string, assignmentId: string): Promise<void> {
  const [row] = await db
    .select({ id: oauthAssignments.id })
    .from(oauthAssignments)
    .where(and(eq(oauthAssignments.id, assignmentId), eq(oauthAssignments.userId, userId)));
  if (!row) throw new AppError("not_found", "No such assignment");
}
