import { and, eq, isNull } from "drizzle-orm";
import { appSessions } from "@/db/schema";
import { emitAudit } from "@/lib/audit/emit-audit";
import { ENDED_SESSION } from "./sessions";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";

/**
 * An administrator (Settings → Users) or the user (Settings → Account) ends one session: the row is revoked,
 * so that session's next request is signed out; audited in the same transaction.
 */
export async function endUserSession(ctx: Ctx, input: { userId: string; sessionId: string }): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const ended = await tx
      .update(appSessions)
      .set(ENDED_SESSION)
      .where(
        and(
          eq(appSessions.userId, input.userId),
          eq(appSessions.publicId, input.sessionId),
          isNull(appSessions.revokedAt),
        ),
      )
      .returning({ id: appSessions.publicId });
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
