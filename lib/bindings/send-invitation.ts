import type { Db, Tx } from "@/db/client";
import { emitAudit } from "@/lib/audit/emit-audit";
import { queueTemplateMail } from "@/lib/mail/outbox";
import type { BindingCtx } from "./context";
import { formatDateTime } from "@/lib/format/date";

export type InvitationMail = {
  user: { id: string; email: string; firstName: string; lastName: string };
  provider: { id: string; name: string };
  /** The single-use link token; only its hash is stored with the assignment. */
  token: string;
  expiresAt: Date;
};

/**
 * The "Initial OAuth verification request" mail with the single-use link, and its audit event,
 * in the caller's transaction: an invitation (first or resent) is mailed exactly when its
 * assignment changes.
 */
export async function sendInvitation(tx: Db | Tx, ctx: BindingCtx, invitation: InvitationMail): Promise<void> {
  const { user, provider, token, expiresAt } = invitation;
  await queueTemplateMail(tx, ctx.config, user.email, "oauth_verification_request", {
    RecipientFirstName: user.firstName,
    RecipientLastName: user.lastName,
    ProviderName: provider.name,
    Link: `${ctx.config.appUrl}/bind/${token}`,
    ExpirationDate: formatDateTime(expiresAt),
    OrganizationName: "Signer Auth",
  });
  await emitAudit(tx, ctx, {
    action: "AssignmentInvited",
    providerId: provider.id,
    data: { userId: user.id, email: user.email, providerName: provider.name },
  });
}
