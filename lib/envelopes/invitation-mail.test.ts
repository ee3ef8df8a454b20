import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { envelopeWorld, senderCtx, type EnvelopeWorld } from "@/db/test/envelopes";
import { testEncryptionKeys } from "@/db/test/provider-ctx";
import { openPostgresTestDb } from "@/db/test/test-db";
import { startSmtpSink, type SmtpSinkFixture } from "@/e2e/fixtures/smtp-sink";
import { formatDateTime } from "@/lib/format/date";
import { deliverDueMail } from "@/lib/mail/outbox";
import { createEnvelope } from "./create-envelope";
import { getEnvelope } from "./get-envelope";
import { ZSendEnvelopeRequest } from "./schema";

// The signer invitation as the signer's inbox receives it (issue 16 "Mail"), delivered by SMTP to
// the suite's real sink: the expiry stated, one greeting whatever the EmailBody, the link clickable.

let handle: DbHandle;
let sink: SmtpSinkFixture;
let w: EnvelopeWorld;
beforeAll(async () => {
  handle = await openPostgresTestDb();
  sink = await startSmtpSink();
  w = await envelopeWorld(handle.db);
});
afterAll(async () => {
  await sink?.close();
  await handle?.close();
});

const config = () => ({
  smtpUrl: sink.url,
  mailFrom: "Signer Auth <no-reply@example.test>",
  encryptionKey: testEncryptionKeys[0]!,
  encryptionKeys: testEncryptionKeys,
});

/** Sends an envelope with this EmailBody to a fresh signer and returns the mail they receive, with the envelope's expiry. */
async function invitation(emailBody: string) {
  const email = `mail.${crypto.randomUUID().slice(0, 8)}@example.test`;
  const name = `Mail ${crypto.randomUUID()}`;
  // Queued for SMTP (the world's own ctx keeps mail local), then delivered to the sink.
  const base = senderCtx(handle.db, w.sender, []);
  const ctx = { ...base, config: { ...base.config, smtpUrl: sink.url } };
  const body = w.body(name, [{ email, first: "Nora", last: "North" }], {
    EmailBody: emailBody,
    ExpirationInSecondsAfterSending: 7 * 86400,
  });
  const { EnvelopeId: id } = await createEnvelope(ctx, w.sender, ZSendEnvelopeRequest.parse(body), "send");
  for (let i = 0; i < 20 && (await deliverDueMail(handle.db, config())).sent > 0; i++);
  const mail = await sink.waitForMail((m) => m.to.includes(email) && m.subject.includes(name));
  const { ExpiresAt } = await getEnvelope(handle.db, id, { userId: w.sender.userId, seeAll: false });
  return { mail, expires: formatDateTime(ExpiresAt), name };
}

const count = (text: string, word: string) => text.split(word).length - 1;

describe("the signer invitation mail", () => {
  it("a personal message takes the template's #PersonalMessage#: one greeting, the expiry stated, the link clickable", async () => {
    const { mail, expires } = await invitation("Please sign by Friday, #RecipientFirstName#.");
    expect(mail.text).toMatch(/^Hello Nora North,\n/);
    expect(count(mail.text, "Nora North")).toBe(1);
    expect(mail.text).toContain("\n\nPlease sign by Friday, Nora.\n\n");
    expect(mail.text).toContain(`The link works until ${expires}.`);
    expect(expires).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    const link = /http:\/\/localhost:3000\/sign\/[A-Za-z0-9_-]{43}/.exec(mail.text)![0];
    expect(mail.html).toContain(`<a href="${link}">${link}</a>`);
  });

  it("seed 001's EmailBody (a whole mail greeting the recipient) replaces the template's text: no second greeting", async () => {
    const seedBody = [
      "Dear #RecipientFirstName# #RecipientLastName#",
      "",
      "#PersonalMessage#",
      "",
      "Please sign the envelope #EnvelopeName#",
      "",
      "Envelope will expire at #ExpirationDate#",
    ].join("\n");
    const { mail, expires, name } = await invitation(seedBody);
    expect(mail.text).toMatch(/^Dear Nora North\n/);
    expect(mail.text).not.toContain("Hello");
    expect(mail.text).not.toContain("#");
    expect(mail.text).toContain(`Please sign the envelope ${name}`);
    expect(mail.text).toContain(`Envelope will expire at ${expires}`);
    // Its body places no #Link#: the link is added, so the mail still opens the document.
    const link = /http:\/\/localhost:3000\/sign\/[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0];
    expect(link).toBeTruthy();
    expect(mail.html).toContain(`<a href="${link}">`);
  });

  it("no message: the template's text alone, with the expiry", async () => {
    const { mail, expires } = await invitation("");
    expect(mail.text).toMatch(/^Hello Nora North,\n/);
    expect(mail.text).toContain(`The link works until ${expires}.`);
  });
});
