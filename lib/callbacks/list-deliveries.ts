import { asc, desc, eq, inArray } from "drizzle-orm";
import { callbackAttempts, callbackDeliveries } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { displayUrl } from "./deliver";

export type CallbackDeliveryView = {
  id: string;
  status: string;
  event: string;
  url: string;
  createdAt: Date;
  deliveredAt: Date | null;
  nextAttemptAt: Date | null;
  attempts: { attempt: number; at: Date; httpStatus: number | null; error: string | null; durationMs: number }[];
};

/** The envelope page's "Callbacks" section: each call with its attempts, newest first; the URL as origin and path only. */
export async function listCallbackDeliveries(db: Db | Tx, envelopeId: string): Promise<CallbackDeliveryView[]> {
  const rows = await db
    .select()
    .from(callbackDeliveries)
    .where(eq(callbackDeliveries.envelopeId, envelopeId))
    .orderBy(desc(callbackDeliveries.createdAt))
    .limit(200);
  const attempts = rows.length
    ? await db
        .select()
        .from(callbackAttempts)
        .where(
          inArray(
            callbackAttempts.deliveryId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(callbackAttempts.attempt))
    : [];
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    event: r.event,
    url: displayUrl(r.url),
    createdAt: r.createdAt,
    deliveredAt: r.deliveredAt,
    nextAttemptAt: r.status === "queued" ? r.nextAttemptAt : null,
    attempts: attempts
      .filter((a) => a.deliveryId === r.id)
      .map((a) => ({
        attempt: a.attempt,
        at: a.at,
        httpStatus: a.httpStatus,
        error: a.error,
        durationMs: a.durationMs,
      })),
  }));
}
