import { eq } from "drizzle-orm";
import { envelopes } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { AppError } from "@/lib/errors";

/**
 * Whether the viewer may see this envelope's trail: anyone who sees all (view_audit) — even when
 * the envelope row is gone, the evidence stays readable — or the envelope's sender. Otherwise it
 * does not exist for them.
 */
export async function assertEnvelopeVisible(
  db: Db | Tx,
  id: string,
  viewer: { userId: string; seeAll: boolean },
): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError("not_found", "No envelope with this id");
  if (viewer.seeAll) return;
  const [e] = await db.select({ senderUserId: envelopes.senderUserId }).from(envelopes).where(eq(envelopes.id, id));
  if (!e || (!viewer.seeAll && e.senderUserId !== viewer.userId))
    throw new AppError("not_found", "No envelope with this id");
}
