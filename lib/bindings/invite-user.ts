import { and, eq, inArray } from "drizzle-orm";
import { identityProviders, oauthAssignments, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { LINK_TTL_MS, type BindingCtx } from "./context";
import { hashLinkToken, newLinkToken } from "./link-token";
import { sendInvitation } from "./send-invitation";

export type Invitation = { assignmentId: string; expiresAt: Date };

/**
 * Adds a provider to a user: an assignment "invited" and the "Initial OAuth verification
 * request" mail with a single-use link, both in one transaction.
 */
export async function inviteUser(ctx: BindingCtx, input: { userId: string; providerId: string }): Promise<Invitation> {
  return ctx.db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, input.userId));
    if (!user) throw new AppError("not_found", "No such user");
    const [provider] = await tx.select().from(identityProviders).where(eq(identityProviders.id, input.providerId));
    if (!provider || !provider.enabled || !provider.usedForUserAuthentication) {
      throw new AppError("validation_failed", "Choose an enabled provider used for user authentication", [
        { path: "$.providerId", message: "Not available for user authentication" },
      ]);
    }
    const live = await tx
      .select({ id: oauthAssignments.id, state: oauthAssignments.state })
      .from(oauthAssignments)
      .where(
        and(
          eq(oauthAssignments.userId, user.id),
          eq(oauthAssignments.providerId, provider.id),
          inArray(oauthAssignments.state, ["invited", "bound"]),
        ),
      );
    if (live.length)
      throw new AppError(
        "conflict",
        live[0]!.state === "bound"
          ? `This user is already bound to ${provider.name}`
          : `This user already has an invitation for ${provider.name}: use Resend to send a new link`,
      );
    const token = newLinkToken();
    const expiresAt = new Date(Date.now() + LINK_TTL_MS);
    const [row] = await tx
      .insert(oauthAssignments)
      .values({
        userId: user.id,
        providerId: provider.id,
        state: "invited",
        linkTokenHash: hashLinkToken(token),
        linkExpiresAt: expiresAt,
        lastSentAt: new Date(),
        createdBy: ctx.actor.kind === "user" ? ctx.actor.userId : null,
      })
      .returning({ id: oauthAssignments.id });
    await sendInvitation(tx, ctx, { user, provider, token, expiresAt });
    return { assignmentId: row!.id, expiresAt };
  });
}
