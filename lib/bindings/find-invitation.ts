import { and, eq } from "drizzle-orm";
import { identityProviders, oauthAssignments, users } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { hashLinkToken, isLinkTokenShape } from "./link-token";

export type InvitationView =
  | { ok: true; assignmentId: string; providerId: string; providerName: string; email: string; expiresAt: Date }
  | { ok: false; reason: "unknown" | "expired" | "used" };

/** What a binding link stands for; reading it consumes nothing (a mail scanner's GET is harmless). */
export async function findInvitation(db: Db | Tx, token: string): Promise<InvitationView> {
  if (!isLinkTokenShape(token)) return { ok: false, reason: "unknown" };
  const [row] = await db
    .select({
      a: oauthAssignments,
      email: users.email,
      userEnabled: users.enabled,
      providerName: identityProviders.name,
      providerEnabled: identityProviders.enabled,
    })
    .from(oauthAssignments)
    .innerJoin(users, eq(users.id, oauthAssignments.userId))
    .innerJoin(identityProviders, eq(identityProviders.id, oauthAssignments.providerId))
    .where(and(eq(oauthAssignments.linkTokenHash, hashLinkToken(token))));
  if (!row || !row.userEnabled || !row.providerEnabled) return { ok: false, reason: "unknown" };
  if (row.a.state !== "invited") return { ok: false, reason: "used" };
  if (!row.a.linkExpiresAt || row.a.linkExpiresAt.getTime() < Date.now()) return { ok: false, reason: "expired" };
  return {
    ok: true,
    assignmentId: row.a.id,
    providerId: row.a.providerId,
    providerName: row.providerName,
    email: row.email,
    expiresAt: row.a.linkExpiresAt,
  };
}
