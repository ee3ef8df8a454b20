import { and, eq, gt, inArray, isNotNull, sql } from "drizzle-orm";
import { envelopes, recipients, type EnvelopeRow, type RecipientRow } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { emitAudit } from "@/lib/audit/emit-audit";
import { hashLinkToken, newLinkToken } from "@/lib/bindings/link-token";
import { systemCtx } from "@/lib/context";
import { queueTemplateMail } from "@/lib/mail/outbox";
import type { EnvelopeCtx } from "./context";
import { formatDateTime } from "@/lib/format/date";

// The seed's reminders (EnableReminders, FirstReminderDayAmount, RecurrentReminderDayAmount,
// BeforeExpirationDayAmount): a job in every server process mails the signers whose turn it is.
// Each candidate recipient row is claimed with FOR UPDATE SKIP LOCKED and its reminder recorded in
// the same transaction as the mail and the ReminderSent row, so two instances never send one
// twice. The reminder carries a fresh signing link (only hashes of links are kept), so the earlier
// link stops working, as with the sender's Resend. `now` is injected: a test moves the clock.

const DAY = 86_400_000;
export type ReminderKind = "first" | "recurrent" | "beforeExpiration";

/** Which reminder is due for this invited signer at `now`, if any. */
export function dueReminder(
  e: Pick<EnvelopeRow, "reminders" | "expiresAt">,
  r: Pick<RecipientRow, "invitedAt" | "lastRemindedAt" | "expiryRemindedAt">,
  now: Date,
): ReminderKind | null {
  const s = e.reminders;
  if (!s || !r.invitedAt || (e.expiresAt && e.expiresAt <= now)) return null;
  const t = now.getTime();
  if (
    s.beforeExpiration > 0 &&
    e.expiresAt &&
    !r.expiryRemindedAt &&
    t >= e.expiresAt.getTime() - s.beforeExpiration * DAY
  )
    return "beforeExpiration";
  if (!r.lastRemindedAt) return t >= r.invitedAt.getTime() + s.first * DAY ? "first" : null;
  if (s.recurrent > 0 && t >= r.lastRemindedAt.getTime() + s.recurrent * DAY) return "recurrent";
  return null;
}

type Config = EnvelopeCtx["config"];

/** One pass: every due reminder at `now` is sent once (`envelopeIds`: only those envelopes' signers). */
export async function sendDueReminders(
  db: Db,
  config: Config,
  opts: { now?: Date; limit?: number; envelopeIds?: string[] } = {},
): Promise<number> {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const rows = (await tx
      .select({ r: recipients, e: envelopes })
      .from(recipients)
      .innerJoin(envelopes, eq(envelopes.id, recipients.envelopeId))
      .where(
        and(
          eq(recipients.role, "signer"),
          eq(recipients.status, "invited"),
          eq(envelopes.status, "sent"),
          isNotNull(envelopes.reminders),
          gt(envelopes.expiresAt, now),
          opts.envelopeIds ? inArray(envelopes.id, opts.envelopeIds) : undefined,
        ),
      )
      .orderBy(recipients.invitedAt)
      .limit(opts.limit ?? 100)
      .for("update", { of: recipients, skipLocked: true })) as { r: RecipientRow; e: EnvelopeRow }[];
    let sent = 0;
    for (const { r, e } of rows) {
      // DisableEmail: this recipient gets no mail at all.
      const kind = r.options.disableEmail ? null : dueReminder(e, r, now);
      if (kind) {
        await remind(tx, { ...systemCtx(tx), config }, e, r, kind, now);
        sent++;
      }
    }
    return sent;
  });
}

async function remind(tx: Tx, ctx: EnvelopeCtx, e: EnvelopeRow, r: RecipientRow, kind: ReminderKind, now: Date) {
  const token = newLinkToken();
  await tx
    .update(recipients)
    .set({
      linkTokenHash: hashLinkToken(token),
      remindersSent: sql`${recipients.remindersSent} + 1`,
      lastRemindedAt: now,
      ...(kind === "beforeExpiration" ? { expiryRemindedAt: now } : {}),
    })
    .where(eq(recipients.id, r.id));
  await queueTemplateMail(tx, ctx.config, r.email, "reminder", {
    RecipientFirstName: r.firstName,
    RecipientLastName: r.lastName,
    EnvelopeName: e.name,
    SenderName: e.senderName || e.senderEmail,
    Link: `${ctx.config.appUrl}/sign/${token}`,
    ExpirationDate: formatDateTime(e.expiresAt ?? now),
  });
  await emitAudit(tx, ctx, {
    action: "ReminderSent",
    envelopeId: e.id,
    recipientId: r.id,
    actorLabel: "system",
    data: { recipientId: r.id, email: r.email, kind, count: r.remindersSent + 1 },
  });
}

/** Started in every server process (lib/startup.ts): a pass a minute. */
export function startReminders(db: Db, config: Config, everyMs = 60_000): void {
  const g = globalThis as { __reminderTimer?: NodeJS.Timeout };
  if (g.__reminderTimer) return;
  let running = false;
  g.__reminderTimer = setInterval(() => {
    if (running) return;
    running = true;
    sendDueReminders(db, config)
      .catch((err: unknown) => console.error("[reminders] run failed:", err instanceof Error ? err.message : err))
      .finally(() => (running = false));
  }, everyMs);
  g.__reminderTimer.unref();
}
