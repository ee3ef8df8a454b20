import type { Tx } from "@/db/client";
import { emitAudit } from "@/lib/audit/emit-audit";
import { endLiveSessions } from "@/lib/sessions/sessions";
import type { ProviderCtx } from "./context";

type Usable = { enabled: boolean; usedForUserAuthentication: boolean };

/** Whether a change takes a provider out of user sign-in (disabled, or no longer used for it). */
export const leavesUserSignIn = (before: Usable, after: Usable) =>
  before.enabled && before.usedForUserAuthentication && !(after.enabled && after.usedForUserAuthentication);

/**
 * A provider taken out of user sign-in: every live session that came through it ends, in the
 * change's own transaction, with one SessionRevoked row per user (as removing an assignment does).
 */
export async function endProviderSessions(
  tx: Tx,
  ctx: ProviderCtx,
  provider: { id: string; name: string; enabled: boolean },
): Promise<number> {
  const ended = await endLiveSessions(tx, { providerId: provider.id });
  const perUser = new Map<string, number>();
  for (const { userId } of ended) perUser.set(userId, (perUser.get(userId) ?? 0) + 1);
  const why = provider.enabled ? "no longer used for user sign-in" : "disabled";
  for (const [userId, count] of perUser) {
    await emitAudit(tx, ctx, {
      action: "SessionRevoked",
      providerId: provider.id,
      data: { userId, reason: `Provider '${provider.name}' ${why}`.slice(0, 200), count },
    });
  }
  return ended.length;
}
