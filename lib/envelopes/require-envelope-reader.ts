// Who may read an envelope over REST: its sender (send_envelopes), or view_audit for every envelope.
import type { ApiCtx } from "@/lib/auth/api-auth";
import { assertEnvelopeVisible } from "@/lib/envelopes/assert-envelope-visible";
import type { Sender } from "./context";

/** The caller as an envelope viewer: their own envelopes, or every one with view_audit. */
export const envelopeViewer = (ctx: ApiCtx) => ({
  userId: ctx.user.id,
  seeAll: ctx.permissions.view_audit === "ALLOW",
});

/** The caller as the sender named in mails and the trail. */
export const senderOf = (ctx: ApiCtx): Sender => ({ userId: ctx.user.id, email: ctx.user.email, name: ctx.user.name });

export async function requireEnvelopeReader(ctx: ApiCtx, envelopeId: string): Promise<void> {
  await assertEnvelopeVisible(ctx.db, envelopeId, envelopeViewer(ctx));
}
