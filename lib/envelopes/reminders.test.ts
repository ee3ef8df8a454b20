import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { withEnvelopeWorld, type EnvelopeWorld } from "@/db/test/envelopes";
import { testEncryptionKeys } from "@/db/test/provider-ctx";
import { startSmtpSink, type SmtpSinkFixture } from "@/e2e/fixtures/smtp-sink";
import { deliverDueMail } from "@/lib/mail/outbox";
import { findSigning } from "./find-signing";
import { getDraft } from "./get-draft";
import { sendDueReminders } from "./reminders";
import { ZSendEnvelopeRequest } from "./schema";

// Issue 17 "Reminders": the clock is injected (`now`), so the test moves it by days; the mails go
// out through the real SMTP sink and the signer opens the link they carry.

let handle: DbHandle;
let w: EnvelopeWorld;
let sink: SmtpSinkFixture;
withEnvelopeWorld((opened, world) => ((handle = opened), (w = world)));
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink?.close();
});

const DAY = 86_400_000;
const config = () => ({ ...w.ctx().config, smtpUrl: sink.url });
const inDays = (start: number, days: number) => new Date(start + days * DAY + 60_000);
const deliver = async () => {
  const c = { ...config(), encryptionKeys: testEncryptionKeys };
  for (let i = 0; i < 10 && (await deliverDueMail(handle.db, c)).sent > 0; i++);
};
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
      w.body(name, [{ email: "rem@example.test" }, { email: "next@example.test" }], {
        ...reminders,
        ExpirationInSecondsAfterSending: 10 * 86_400,
      }),
    );
    const quiet = await w.create(w.body(`Quiet ${name}`, [{ email: "quiet@example.test" }]));
    const invitation = await w.linkFor("rem@example.test", name);

    expect(await sendDueReminders(handle.db, config(), inDays(start, 1))).toBe(0);
    expect(await sendDueReminders(handle.db, config(), inDays(start, 2))).toBe(1);
    expect(await sendDueReminders(handle.db, config(), inDays(start, 2))).toBe(0);

    await deliver();
    const first = await sink.waitForMail((m) => m.to.includes("rem@example.test") && m.subject.includes(name));
    expect(first.subject).toBe(`Reminder: Sam Sender asks you to sign ${name}`);
    const link = first.links.find((l) => l.includes("/sign/"))!;
    const token = link.split("/sign/")[1]!;
    expect((await findSigning(handle.db, token, null)).ok).toBe(true);
    expect(await findSigning(handle.db, invitation, null)).toEqual({ ok: false, reason: "unknown" });

    // Two instances at once: the recurrent reminder goes out once.
    const both = await Promise.all([
      sendDueReminders(handle.db, config(), inDays(start, 5)),
      sendDueReminders(handle.db, config(), inDays(start, 5)),
    ]);
    expect(both[0]! + both[1]!).toBe(1);
    expect(await sendDueReminders(handle.db, config(), inDays(start, 7))).toBe(0);
    expect(await sendDueReminders(handle.db, config(), inDays(start, 9))).toBe(1);
    expect(await sendDueReminders(handle.db, config(), inDays(start, 9.5))).toBe(0);
    // Past the expiry: nothing.
    expect(await sendDueReminders(handle.db, config(), inDays(start, 11))).toBe(0);

    const sent = (await w.trail(id)).filter((e) => e.action === "ReminderSent");
    expect(sent.map((e) => e.data)).toEqual([
      expect.objectContaining({ email: "rem@example.test", kind: "first", count: 1 }),
      expect.objectContaining({ kind: "recurrent", count: 2 }),
      expect.objectContaining({ kind: "beforeExpiration", count: 3 }),
    ]);
    // The later step's signer is not yet invited, and an envelope without reminders gets none.
    expect(sent.some((e) => JSON.stringify(e.data).includes("next@example.test"))).toBe(false);
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
