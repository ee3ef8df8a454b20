import { desc, eq, inArray } from "drizzle-orm";
import { envelopes, recipients, type EnvelopeRow } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import type { EnvelopeViewer } from "./assert-envelope-visible";
import { effectiveStatus } from "./expiry";

export type EnvelopeListItem = {
  id: string;
  name: string;
  status: EnvelopeRow["status"];
  createdAt: Date;
  sentAt: Date | null;
  completedAt: Date | null;
  recipients: number;
  signed: number;
};

/** DOCUMENTS: the newest envelopes first (of the sender, or all for who may see all). */
export async function listEnvelopes(db: Db | Tx, viewer: EnvelopeViewer, limit = 200): Promise<EnvelopeListItem[]> {
  const rows = await db
    .select()
    .from(envelopes)
    .where(viewer.seeAll ? undefined : eq(envelopes.senderUserId, viewer.userId))
    .orderBy(desc(envelopes.createdAt))
    .limit(limit);
  if (!rows.length) return [];
  const rs = await db
    .select({ envelopeId: recipients.envelopeId, role: recipients.role, status: recipients.status })
    .from(recipients)
    .where(
      inArray(
        recipients.envelopeId,
        rows.map((r) => r.id),
      ),
    );
  return rows.map((e) => {
    const mine = rs.filter((r) => r.envelopeId === e.id && r.role === "signer");
    return {
      id: e.id,
      name: e.name,
      status: effectiveStatus(e),
      createdAt: e.createdAt,
      sentAt: e.sentAt,
      completedAt: e.completedAt,
      recipients: mine.length,
      signed: mine.filter((r) => r.status === "signed").length,
    };
  });
}
