import { eq } from "drizzle-orm";
import { envelopes } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { AppError } from "@/lib/errors";

/** Who reads envelopes: a user, who sees only the envelopes they sent unless they see all (view_audit). */
export type EnvelopeViewer = { userId: string; seeAll: boolean };

const notFound = () => new AppError("not_found", "No envelope with this id");

/** An id that cannot be an envelope's is not found without a query. */
export function checkEnvelopeId(id: string): void {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
}

/** The envelope when the viewer may see it; someone else's does not exist for them. */
export function visibleTo<E extends { senderUserId: string | null }>(e: E | undefined, viewer: EnvelopeViewer): E {
  if (!e || (!viewer.seeAll && e.senderUserId !== viewer.userId)) throw notFound();
  return e;
}

/**
 * Whether the viewer may see this envelope's trail: anyone who sees all (view_audit) — even when
 * the envelope row is gone, the evidence stays readable — or the envelope's sender. Otherwise it
 * does not exist for them.
 */
export async function assertEnvelopeVisible(db: Db | Tx, id: string, viewer: EnvelopeViewer): Promise<void> {
  checkEnvelopeId(id);
  if (viewer.seeAll) return;
  const [e] = await db.select({ senderUserId: envelopes.senderUserId }).from(envelopes).where(eq(envelopes.id, id));
  visibleTo(e, viewer);
}
