import { emitAudit } from "@/lib/audit/emit-audit";
import { endLiveSessions } from "./sessions";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";

/**
 * An administrator (Settings → Users) or the user (Settings → Account) ends one session: the row is revoked,
 * so that session's next request is signed out; audited in the same transaction.
 */
export async function endUserSession(ctx: Ctx, input: { userId: string; sessionId: string }): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const ended = await endLiveSessions(tx, { userId: input.userId, publicId: input.sessionId });
    if (ended.length === 0) throw new AppError("not_found", "No such session, or it has already ended");
    const own = ctx.actor.kind === "user" && ctx.actor.userId === input.userId;
    await emitAudit(tx, ctx, {
      action: "SessionRevoked",
      data: {
        userId: input.userId,
        reason: own ? "Ended by the user on Settings → Account" : "Ended by an administrator",
        count: 1,
      },
    });
  });
}
