import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { logoutRequests } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { sha256 } from "@/lib/flows/start-flow";

/**
 * /oauth/logout-complete: the provider sent the browser back. The state must be one this app
 * sent, unused, fresh and from this browser; it is used up by one conditional update. The
 * session was ended before the browser left, so this only decides which notice to show.
 */
export async function completeLogout(
  db: Db | Tx,
  input: { state: string | null; browserToken: string | null },
): Promise<"confirmed" | "unmatched"> {
  await db.delete(logoutRequests).where(lt(logoutRequests.expiresAt, sql`now() - interval '1 day'`));
  if (!input.state || !input.browserToken) return "unmatched";
  const used = await db
    .update(logoutRequests)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(logoutRequests.stateHash, sha256(input.state)),
        eq(logoutRequests.browserHash, sha256(input.browserToken)),
        isNull(logoutRequests.usedAt),
        gt(logoutRequests.expiresAt, sql`now()`),
      ),
    )
    .returning({ id: logoutRequests.id });
  return used.length === 1 ? "confirmed" : "unmatched";
}
