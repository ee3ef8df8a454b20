import { eq } from "drizzle-orm";
import { identityProviders, oauthAssignments, users } from "@/db/schema";
import type { Tx } from "@/db/client";
import { emitAudit } from "@/lib/audit/emit-audit";
import { endLiveSessions } from "@/lib/sessions/sessions";
import { AppError } from "@/lib/errors";
import { queueTemplateMail } from "@/lib/mail/outbox";
import { LINK_TTL_MS, RESEND_MIN_INTERVAL_MS, type BindingCtx } from "./context";
import { hashLinkToken, newLinkToken } from "./link-token";
import { sendInvitation } from "./send-invitation";

async function loadForUpdate(tx: Tx, assignmentId: string) {
  const [row] = await tx
    .select({ a: oauthAssignments, user: users, provider: identityProviders })
    .from(oauthAssignments)
    .innerJoin(users, eq(users.id, oauthAssignments.userId))
    .innerJoin(identityProviders, eq(identityProviders.id, oauthAssignments.providerId))
    .where(eq(oauthAssignments.id, assignmentId))
    .for("update", { of: oauthAssignments });
  if (!row) throw new AppError("not_found", "No such assignment");
  return row;
}

/** A new link for an invited (or expired) assignment; the previous link stops working at once. */
export async function resendInvitation(ctx: BindingCtx, assignmentId: string): Promise<{ expiresAt: Date }> {
  return ctx.db.transaction(async (tx) => {
    const { a, user, provider } = await loadForUpdate(tx, assignmentId);
    if (a.state !== "invited" && a.state !== "expired")
      throw new AppError("conflict", `Only an invited or expired assignment can be resent (this one is ${a.state})`);
    if (a.lastSentAt && Date.now() - a.lastSentAt.getTime() < RESEND_MIN_INTERVAL_MS)
      throw new AppError("rate_limited", "The invitation was just sent; wait a minute before resending");
    const token = newLinkToken();
    const expiresAt = new Date(Date.now() + LINK_TTL_MS);
    await tx
      .update(oauthAssignments)
      .set({
        state: "invited",
        linkTokenHash: hashLinkToken(token),
        linkExpiresAt: expiresAt,
        lastSentAt: new Date(),
        updatedAt: new Date(),
      })
      .where(eq(oauthAssignments.id, a.id));
    await sendInvitation(tx, ctx, { user, provider, token, expiresAt });
    return { expiresAt };
  });
}

/** Removes an assignment: invalidated, its link dead, the user's sessions from that provider ended, the notice mailed. */
export async function removeAssignment(ctx: BindingCtx, assignmentId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { a, user, provider } = await loadForUpdate(tx, assignmentId);
    if (a.state === "invalidated") return;
    await tx
      .update(oauthAssignments)
      .set({ state: "invalidated", linkTokenHash: null, invalidatedAt: new Date(), updatedAt: new Date() })
      .where(eq(oauthAssignments.id, a.id));
    const ended = await endLiveSessions(tx, { userId: user.id, providerId: provider.id });
    await queueTemplateMail(tx, ctx.config, user.email, "oauth_assignment_invalidation", {
      RecipientFirstName: user.firstName,
      RecipientLastName: user.lastName,
      ProviderName: provider.name,
      OrganizationName: "Signer Auth",
    });
    await emitAudit(tx, ctx, {
      action: "AssignmentInvalidated",
      providerId: provider.id,
      data: { userId: user.id, email: user.email, providerName: provider.name, reason: "removed by an administrator" },
    });
    if (ended.length)
      await emitAudit(tx, ctx, {
        action: "SessionRevoked",
        providerId: provider.id,
        data: {
          userId: user.id,
          reason: `Assignment to provider '${provider.name}' removed`.slice(0, 200),
          count: ended.length,
        },
      });
  });
}
