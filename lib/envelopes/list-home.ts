import { and, desc, eq, gt, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { envelopes, recipients, type EnvelopeRow } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { effectiveStatus } from "./expiry";

export type HomeEnvelope = {
  id: string;
  name: string;
  status: EnvelopeRow["status"];
  /** Sent (or, for a draft, last changed). */
  at: Date;
  recipients: number;
  signed: number;
};
export type AwaitingSignature = {
  envelopeId: string;
  name: string;
  sender: string;
  /** When the signing link was mailed to this person, and until when it works. */
  invitedAt: Date | null;
  linkExpiresAt: Date | null;
};
export type HomeLists = { toSign: AwaitingSignature[]; drafts: HomeEnvelope[]; sent: HomeEnvelope[] };

const LIMIT = 10;

/**
 * Home: what this person has to do. Envelopes waiting for their signature (a signer with their
 * email whose turn it is: invited, link still valid, envelope neither expired nor ended), their
 * drafts, and the envelopes they sent most recently with their state.
 */
export async function listHome(db: Db | Tx, person: { userId: string; email: string }): Promise<HomeLists> {
  const waiting = await db
    .select({
      envelopeId: envelopes.id,
      name: envelopes.name,
      senderName: envelopes.senderName,
      senderEmail: envelopes.senderEmail,
      invitedAt: recipients.invitedAt,
      linkExpiresAt: recipients.linkExpiresAt,
    })
    .from(recipients)
    .innerJoin(envelopes, eq(envelopes.id, recipients.envelopeId))
    .where(
      and(
        sql`lower(${recipients.email}) = lower(${person.email})`,
        eq(recipients.role, "signer"),
        eq(recipients.status, "invited"),
        eq(envelopes.status, "sent"),
        or(isNull(envelopes.expiresAt), gt(envelopes.expiresAt, sql`now()`)),
        or(isNull(recipients.linkExpiresAt), gt(recipients.linkExpiresAt, sql`now()`)),
      ),
    )
    .orderBy(desc(recipients.invitedAt))
    .limit(LIMIT);

  const mine = (draft: boolean) =>
    db
      .select()
      .from(envelopes)
      .where(
        and(
          eq(envelopes.senderUserId, person.userId),
          draft ? eq(envelopes.status, "draft") : ne(envelopes.status, "draft"),
        ),
      )
      .orderBy(draft ? desc(envelopes.updatedAt) : desc(envelopes.sentAt))
      .limit(LIMIT);
  const [drafts, sent] = await Promise.all([mine(true), mine(false)]);

  const ids = [...drafts, ...sent].map((e) => e.id);
  const signers = ids.length
    ? await db
        .select({ envelopeId: recipients.envelopeId, status: recipients.status })
        .from(recipients)
        .where(and(inArray(recipients.envelopeId, ids), eq(recipients.role, "signer")))
    : [];
  const item = (e: EnvelopeRow): HomeEnvelope => {
    const of = signers.filter((r) => r.envelopeId === e.id);
    return {
      id: e.id,
      name: e.name,
      status: effectiveStatus(e),
      at: e.status === "draft" ? e.updatedAt : (e.sentAt ?? e.createdAt),
      recipients: of.length,
      signed: of.filter((r) => r.status === "signed").length,
    };
  };

  return {
    toSign: waiting.map((w) => ({
      envelopeId: w.envelopeId,
      name: w.name,
      sender: w.senderName || w.senderEmail,
      invitedAt: w.invitedAt,
      linkExpiresAt: w.linkExpiresAt,
    })),
    drafts: drafts.map(item),
    sent: sent.map(item),
  };
}
