import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { testEncryptionKeys } from "@/db/test/provider-ctx";
import { openPostgresTestDb, uniqueEmail } from "@/db/test/test-db";
import { startSmtpSink, type SmtpSinkFixture } from "@/e2e/fixtures/smtp-sink";
import { deliverDueMail, queueTemplateMail } from "./outbox";
import { renderTemplate, TEMPLATES } from "./templates";

describe("templates", () => {
  it("replaces #Placeholders#, escapes values in the HTML part, keeps unknown ones visible", () => {
    const mail = renderTemplate(
      { subject: "Hi #RecipientFirstName#\r\nBcc: x@evil", body: "Dear #RecipientFirstName#, open #Link# (#Unknown#)" },
      { RecipientFirstName: "<b>Ann</b>", Link: 'https://app.example/bind/abc?x="1"' },
    );
    expect(mail.subject).toBe("Hi <b>Ann</b> Bcc: x@evil");
    expect(mail.text).toBe('Dear <b>Ann</b>, open https://app.example/bind/abc?x="1" (#Unknown#)');
    expect(mail.html).toContain("Dear &lt;b&gt;Ann&lt;/b&gt;");
    expect(mail.html).toContain('<a href="https://app.example/bind/abc?x=&quot;1&quot;">');
    expect(mail.html).not.toContain("<b>Ann</b>");
  });

  it("every built-in template uses only its declared placeholders", () => {
    for (const t of Object.values(TEMPLATES)) {
      const used = [...`${t.subject} ${t.body}`.matchAll(/#([A-Za-z]+)#/g)].map((m) => m[1]);
      for (const name of used) expect(t.placeholders as readonly string[]).toContain(name);
    }
  });
});

describe("outbox on PostgreSQL with a real SMTP server", () => {
  let handle: DbHandle;
  let sink: SmtpSinkFixture;
  beforeAll(async () => {
    handle = await openPostgresTestDb();
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink.close();
    await handle.close();
  });
  const config = () => ({
    smtpUrl: sink.url,
    mailFrom: "Signer Auth <no-reply@example.test>",
    encryptionKey: testEncryptionKeys[0]!,
    encryptionKeys: testEncryptionKeys,
  });
  const vars = {
    RecipientFirstName: "Ann",
    RecipientLastName: "Lee",
    ProviderName: "Demo IdP",
    Link: "http://localhost/bind/x",
    ExpirationDate: "tomorrow",
    OrganizationName: "Org",
  };
  const statusOf = async (id: string) => (await handle.db.select().from(mailOutbox).where(eq(mailOutbox.id, id)))[0]!;
  const drain = async () => {
    for (let i = 0; i < 20 && (await deliverDueMail(handle.db, config())).sent > 0; i++);
  };

  it("without SMTP_URL a mail stays in the local outbox", async () => {
    const id = await queueTemplateMail(
      handle.db,
      { ...config(), smtpUrl: undefined },
      uniqueEmail(),
      "oauth_verification_request",
      vars,
    );
    expect((await statusOf(id)).status).toBe("local");
  });

  it("queued in the transaction, delivered over SMTP afterwards; a rolled-back change sends nothing", async () => {
    const to = uniqueEmail("ann");
    const id = await handle.db.transaction((tx) =>
      queueTemplateMail(tx, config(), to, "oauth_verification_request", vars),
    );
    const lost = uniqueEmail("lost");
    await expect(
      handle.db.transaction(async (tx) => {
        await queueTemplateMail(tx, config(), lost, "oauth_verification_request", vars);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow();
    await drain();
    const mail = await sink.waitForMail((m) => m.to.includes(to));
    expect(mail.subject).toBe("Please verify your account with Demo IdP");
    expect(mail.text).toContain("http://localhost/bind/x");
    expect((await statusOf(id)).status).toBe("sent");
    expect(sink.messages.some((m) => m.to.includes(lost))).toBe(false);
  });

  it("SMTP down: the mail stays queued with the reason, and goes out when SMTP is back", async () => {
    const to = uniqueEmail("later");
    sink.setDown(true);
    const id = await queueTemplateMail(handle.db, config(), to, "oauth_assignment_invalidation", vars);
    await drain();
    await deliverDueMail(handle.db, config());
    const waiting = await statusOf(id);
    expect(waiting).toMatchObject({ status: "queued", attempts: 1 });
    expect(waiting.lastError).toMatch(/451|EENVELOPE|Recipient/i);
    sink.setDown(false);
    await handle.db
      .update(mailOutbox)
      .set({ nextAttemptAt: sql`now()` })
      .where(eq(mailOutbox.id, id));
    await drain();
    await sink.waitForMail((m) => m.to.includes(to));
    expect((await statusOf(id)).status).toBe("sent");
  });

  it("two instances delivering at once send each mail exactly once", async () => {
    const other = await openPostgresTestDb();
    try {
      const recipients = Array.from({ length: 12 }, () => uniqueEmail("once"));
      for (const to of recipients) await queueTemplateMail(handle.db, config(), to, "oauth_verification_request", vars);
      await Promise.all([
        deliverDueMail(handle.db, config(), 5),
        deliverDueMail(other.db, config(), 5),
        deliverDueMail(handle.db, config(), 5),
        deliverDueMail(other.db, config(), 5),
      ]);
      await drain();
      for (const to of recipients) expect(sink.messages.filter((m) => m.to.includes(to))).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});
