import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { callbackDeliveries, envelopes } from "@/db/schema";
import type { Db, Tx } from "@/db/client";

// A status change of an envelope, queued for the integrator's URLs in the transaction of the
// change itself: the call exists exactly when the change does (lib/callbacks/deliver.ts sends it).

export const CALLBACK_STATUSES = [
  "sent",
  "recipient_authenticated",
  "recipient_finished",
  "completed",
  "rejected",
  "canceled",
  "expired",
] as const;
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];

/** The JSON every call posts (README "Status callbacks"): `Id` is the delivery's, the same on every retry. */
export type CallbackBody = {
  Id: string;
  EnvelopeId: string;
  Status: CallbackStatus;
  Time: string;
  Recipient?: { RecipientId: string; Email: string };
};

/**
 * Queues the call for this change: to StatusUpdateCallbackUrl for every status, and to
 * CallbackUrl (the seed's completion callback) when the envelope is completed. Nothing when
 * the envelope has neither.
 */
export async function queueStatusCallback(
  tx: Db | Tx,
  envelopeId: string,
  status: CallbackStatus,
  recipient?: { id: string; email: string },
  /** The envelope's two callback URLs when the caller already read them (one statement less). */
  known?: { status: string | null; completion: string | null },
): Promise<number> {
  const [e] = known
    ? [known]
    : await tx
        .select({ status: envelopes.statusCallbackUrl, completion: envelopes.completionCallbackUrl })
        .from(envelopes)
        .where(eq(envelopes.id, envelopeId));
  if (!e) return 0;
  const urls = new Set([e.status, status === "completed" ? e.completion : null].filter((u): u is string => !!u));
  const time = new Date().toISOString();
  for (const url of urls) {
    const id = randomUUID();
    const body: CallbackBody = {
      Id: id,
      EnvelopeId: envelopeId,
      Status: status,
      Time: time,
      ...(recipient ? { Recipient: { RecipientId: recipient.id, Email: recipient.email } } : {}),
    };
    await tx.insert(callbackDeliveries).values({ id, envelopeId, url, event: status, body: JSON.stringify(body) });
  }
  return urls.size;
}
