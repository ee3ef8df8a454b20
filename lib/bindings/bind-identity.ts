import { and, eq, gt, sql } from "drizzle-orm";
import { identityProviders, oauthAssignments, users } from "@/db/schema";
import { emitAudit } from "@/lib/audit/emit-audit";
import type { Ctx } from "@/lib/context";

export type BindResult =
  { ok: true; providerName: string; email: string } | { ok: false; reason: "link_gone" | "identity_taken" };

/**
 * Completes a binding: the invited assignment (named by the flow, not by the session) becomes
 * bound to (provider, subject) — once: a conditional update, and a unique index that keeps an
 * identity on one user only.
 */
export async function bindIdentity(
  ctx: Pick<Ctx, "db" | "actor" | "ip">,
  input: { assignmentId: string; providerId: string; subject: string },
): Promise<BindResult> {
  return ctx.db
    .transaction(async (tx): Promise<BindResult> => {
      const [assignment] = await tx
        .select({ userId: oauthAssignments.userId })
        .from(oauthAssignments)
        .where(eq(oauthAssignments.id, input.assignmentId));
      if (!assignment) return { ok: false, reason: "link_gone" };
      const [taken] = await tx
        .select({ userId: oauthAssignments.userId })
        .from(oauthAssignments)
        .where(
          and(
            eq(oauthAssignments.providerId, input.providerId),
            eq(oauthAssignments.subject, input.subject),
            eq(oauthAssignments.state, "bound"),
          ),
        );
      // Bound to this same user (a second confirm of the same link) is not "taken": the link is simply used.
      if (taken) return { ok: false, reason: taken.userId === assignment.userId ? "link_gone" : "identity_taken" };
      const [bound] = await tx
        .update(oauthAssignments)
        .set({ state: "bound", subject: input.subject, boundAt: sql`now()`, updatedAt: sql`now()` }) // the link hash stays: a reopened link reads "already used"
        .where(
          and(
            eq(oauthAssignments.id, input.assignmentId),
            eq(oauthAssignments.providerId, input.providerId),
            eq(oauthAssignments.state, "invited"),
            gt(oauthAssignments.linkExpiresAt, sql`now()`),
          ),
        )
        .returning({ userId: oauthAssignments.userId });
      if (!bound) return { ok: false, reason: "link_gone" };
      const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, bound.userId));
      const [provider] = await tx
        .select({ name: identityProviders.name })
        .from(identityProviders)
        .where(eq(identityProviders.id, input.providerId));
      await emitAudit(tx, ctx, {
        action: "AssignmentBound",
        providerId: input.providerId,
        data: { userId: bound.userId, email: user!.email, providerName: provider!.name, subject: input.subject },
      });
      return { ok: true, providerName: provider!.name, email: user!.email };
    })
    .catch((err: unknown) => {
      // Two identities racing for one subject: the unique index decides; the loser is told.
      if ((err as { cause?: { code?: string } }).cause?.code === "23505")
        return { ok: false, reason: "identity_taken" } satisfies BindResult;
      throw err;
    });
}
