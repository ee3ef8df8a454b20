import { and, eq, isNotNull, ne, sql } from "drizzle-orm";
import { mailOutbox } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";

/**
 * Settings → Outbox "Resend": one mail that SMTP has not taken yet (waiting, failed, or kept
 * while no SMTP_URL was set) becomes due at once. A delivered mail keeps no credential, and an
 * SMS has no gateway here: neither can be resent (send a new invitation or code instead).
 */
export async function resendMail(
  ctx: Ctx & { config: { smtpUrl: string | undefined } },
  input: { id: string },
): Promise<void> {
  if (!ctx.config.smtpUrl) throw new AppError("conflict", "No SMTP_URL is set: mail cannot be sent until it is");
  const [row] = await ctx.db
    .select({ toAddress: mailOutbox.toAddress, status: mailOutbox.status, sealed: mailOutbox.sealed })
    .from(mailOutbox)
    .where(eq(mailOutbox.id, input.id));
  if (!row) throw new AppError("not_found", "No such mail");
  if (row.toAddress.startsWith("sms:"))
    throw new AppError("conflict", "An SMS cannot be sent by mail: this instance has no SMS gateway");
  if (row.status === "sent")
    throw new AppError(
      "conflict",
      "This mail was delivered; its link is no longer kept. Send a new invitation instead",
    );
  if (!row.sealed) throw new AppError("conflict", "This mail's text is no longer kept. Send a new invitation instead");
  await ctx.db
    .update(mailOutbox)
    .set({ status: "queued", nextAttemptAt: sql`now()` })
    .where(and(eq(mailOutbox.id, input.id), ne(mailOutbox.status, "sent"), isNotNull(mailOutbox.sealed)));
}
