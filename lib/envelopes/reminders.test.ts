import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { withEnvelopeWorld, type EnvelopeWorld } from "@/db/test/envelopes";
import { mailOutbox } from "@/db/schema";
import { received } from "@/db/test/mail";
import { findSigning } from "./find-signing";
import { getDraft } from "./get-draft";
import { sendDueReminders } from "./reminders";
import { ZSendEnvelopeRequest } from "./schema";

// Issue 17 "Reminders": the clock is injected (`now`), so the test moves it by days; the signer
// opens the link the reminder carries, read from the outbox as delivery would send it (the SMTP
// path of the outbox is lib/mail/outbox.test.ts's; a second SMTP drain here would take other
// files' queued mails, the database being shared by the run).

let handle: DbHandle;
let w: EnvelopeWorld;
withEnvelopeWorld((opened, world) => ((handle = opened), (w = world)));

const DAY = 86_400_000;
const config = () => w.ctx().config;
const inDays = (start: number, days: number) => new Date(start + days * DAY + 60_000);
const reminders = {
  EnableReminders: true,
  FirstReminderDayAmount: 2,
  RecurrentReminderDayAmount: 3,
  BeforeExpirationDayAmount: 1,
};

describe("reminders", () => {
  it("first after FirstReminderDayAmount, then every RecurrentReminderDayAmount, once BeforeExpirationDayAmount before the expiry; never twice", async () => {
    const name = `Remind ${crypto.randomUUID()}`;
    const start = Date.now();
    const id = await w.create(
      w.body(name, [{ email: "rem.reminders@example.test" }, { email: "next.reminders@example.test" }], {
        ...reminders,
        ExpirationInSecondsAfterSending: 10 * 86_400,
      }),
    );
    const quiet = await w.create(w.body(`Quiet ${name}`, [{ email: "quiet.reminders@example.test" }]));
    const invitation = await w.linkFor("rem.reminders@example.test", name);

    // Only these two envelopes: other files' envelopes share the database.
    const run = (days: number) =>
      sendDueReminders(handle.db, config(), { now: inDays(start, days), envelopeIds: [id, quiet] });
    expect(await run(1)).toBe(0);
    expect(await run(2)).toBe(1);
    expect(await run(2)).toBe(0);

    const [row] = await handle.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.toAddress, "rem.reminders@example.test"), eq(mailOutbox.template, "reminder")));
    const first = received(row!);
    expect(first.subject).toBe(`Reminder: Sam Sender asks you to sign ${name}`);
    // The readable copy has the link redacted; the mail the signer gets carries it.
    expect(row!.text).not.toMatch(/\/sign\/[A-Za-z0-9_-]{43}/);
    const token = /\/sign\/([A-Za-z0-9_-]{43})/.exec(first.text)![1]!;
    expect((await findSigning(handle.db, token, null)).ok).toBe(true);
    expect(await findSigning(handle.db, invitation, null)).toEqual({ ok: false, reason: "unknown" });

    // Two instances at once: the recurrent reminder goes out once.
    const both = await Promise.all([run(5), run(5)]);
    expect(both[0]! + both[1]!).toBe(1);
    expect(await run(7)).toBe(0);
    expect(await run(9)).toBe(1);
    expect(await run(9.5)).toBe(0);
    // Past the expiry: nothing.
    expect(await run(11)).toBe(0);

    const sent = (await w.trail(id)).filter((e) => e.action === "ReminderSent");
    expect(sent.map((e) => e.data)).toEqual([
      expect.objectContaining({ email: "rem.reminders@example.test", kind: "first", count: 1 }),
      expect.objectContaining({ kind: "recurrent", count: 2 }),
      expect.objectContaining({ kind: "beforeExpiration", count: 3 }),
    ]);
    // The later step's signer is not yet invited, and an envelope without reminders gets none.
    expect(sent.some((e) => JSON.stringify(e.data).includes("next.reminders@example.test"))).toBe(false);
    expect((await w.trail(quiet)).some((e) => e.action === "ReminderSent")).toBe(false);
    expect(JSON.stringify(sent)).not.toContain(token);
  });

  it("the seed's fields: defaults, kept on a draft, a wrong value is a 400 naming its path", async () => {
    const parsed = ZSendEnvelopeRequest.parse(w.body("Defaults", [{ email: "d@example.test" }]));
    expect(parsed.SendEnvelopeDescription).toMatchObject({
      EnableReminders: false,
      FirstReminderDayAmount: 5,
      RecurrentReminderDayAmount: 3,
      BeforeExpirationDayAmount: 3,
    });
    const draft = await w.create(
      w.body(`Draft ${crypto.randomUUID()}`, [{ email: "d@example.test" }], reminders),
      "draft",
    );
    expect((await getDraft(handle.db, draft, w.sender.userId)).request.SendEnvelopeDescription).toMatchObject(
      reminders,
    );

    const bad = ZSendEnvelopeRequest.safeParse(
      w.body("Bad", [{ email: "d@example.test" }], {
        EnableReminders: true,
        FirstReminderDayAmount: 0,
        RecurrentReminderDayAmount: 1.5,
      }),
    );
    expect(bad.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["SendEnvelopeDescription.FirstReminderDayAmount", "At least 1"],
      ["SendEnvelopeDescription.RecurrentReminderDayAmount", "Whole days"],
    ]);
  });
});
