import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { auditEvents, mailOutbox } from "@/db/schema";
import { received } from "@/db/test/mail";
import { testEncryptionKeys } from "@/db/test/provider-ctx";
import { openPgliteTestDb } from "@/db/test/test-db";
import { REDACTED } from "@/lib/mail/sealed-mail";
import { queueTemplateMail } from "./outbox";
import { saveTemplate } from "./save-template";
import type { TemplateKey, TemplateVars } from "./templates";

let handle: DbHandle;
beforeAll(async () => {
  handle = await openPgliteTestDb();
});
afterAll(async () => {
  await handle.close();
});
const ctx = () => ({
  db: handle.db,
  actor: { kind: "user" as const, userId: crypto.randomUUID(), email: "admin@example.test" },
  ip: null,
  userAgent: null,
});

/** The outbox row of a mail queued with no SMTP server (it stays local). */
async function queueLocal<K extends TemplateKey>(to: string, key: K, vars: TemplateVars<K>) {
  const id = await queueTemplateMail(
    handle.db,
    { smtpUrl: undefined, encryptionKey: testEncryptionKeys[0]! },
    to,
    key,
    vars,
  );
  return (await handle.db.select().from(mailOutbox).where(eq(mailOutbox.id, id)))[0];
}

describe("notification templates", () => {
  it("an administrator's version is used for the next mail, and the change is audited", async () => {
    await saveTemplate(ctx(), {
      key: "oauth_verification_request",
      subject: "Bind to #ProviderName# now",
      body: "Hi #RecipientFirstName#: #Link#",
    });
    const mail = await queueLocal("a@example.test", "oauth_verification_request", {
      ProviderName: "Acme",
      RecipientFirstName: "<i>Al</i>",
      RecipientLastName: "Lee",
      Link: "http://l/bind/t",
      ExpirationDate: "tomorrow",
      OrganizationName: "Org",
    });
    expect(received(mail!)).toMatchObject({ subject: "Bind to Acme now", text: "Hi <i>Al</i>: http://l/bind/t" });
    expect(received(mail!).html).toContain("Hi &lt;i&gt;Al&lt;/i&gt;");
    expect(mail).toMatchObject({ subject: "Bind to Acme now", text: `Hi <i>Al</i>: ${REDACTED}` });
    const [event] = await handle.db.select().from(auditEvents).where(eq(auditEvents.action, "TemplateChanged"));
    expect(event!.description).toBe(
      "Notification template 'Initial OAuth verification request' changed: subject, body",
    );
  });

  it("an administrator's unknown placeholder is saved as written and stays visible in the mail, as in the preview", async () => {
    const edited = { subject: "#ProviderName# removed", body: "Dear #Nmae#, #ProviderName# is gone." };
    await saveTemplate(ctx(), { key: "oauth_assignment_invalidation", ...edited });
    const mail = await queueLocal("b@example.test", "oauth_assignment_invalidation", {
      RecipientFirstName: "Bo",
      RecipientLastName: "Li",
      ProviderName: "Acme",
      OrganizationName: "Org",
    });
    expect(received(mail!)).toMatchObject({ subject: "Acme removed", text: "Dear #Nmae#, Acme is gone." });
  });

  it("refuses an empty subject or an unknown template", async () => {
    await expect(saveTemplate(ctx(), { key: "oauth_verification_request", subject: " ", body: "x" })).rejects.toThrow(
      "Enter a subject",
    );
    await expect(saveTemplate(ctx(), { key: "nope", subject: "s", body: "b" })).rejects.toThrow();
  });
});
