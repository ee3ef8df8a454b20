import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openOutboxMail, redactMail, REDACTED, sealedOutboxValues } from "./sealed-mail";
import { renderTemplate, TEMPLATES } from "./templates";

const key = randomBytes(32);
const token = fc.stringMatching(/^[A-Za-z0-9_-]{43}$/);
const code = fc.stringMatching(/^[0-9]{6}$/);

describe("redacting credentials from the readable copy of a mail", () => {
  it("no spelling of the link or its token is left in subject, text or HTML, for any template text an administrator writes", () => {
    fc.assert(
      fc.property(
        token,
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        fc.boolean(),
        (t, before, after, inSubject) => {
          const link = `http://localhost:3000/bind/${t}?a=1&b="2"`;
          const template = {
            subject: inSubject ? `Open #Link# ${before}` : before,
            body: `${before}\n#Link#\n${after} (#Link#)`,
          };
          const mail = renderTemplate(template, { Link: link });
          const readable = redactMail(mail, [link, t]);
          for (const part of [readable.subject, readable.text, readable.html]) expect(part).not.toContain(t);
          expect(readable.text).toContain(REDACTED);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("keeps everything else of the mail as it was", () => {
    const link = "http://localhost:3000/sign/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    const mail = renderTemplate(TEMPLATES.signer_invitation, {
      RecipientFirstName: "Ann",
      EnvelopeName: "Lease",
      SenderName: "Sam",
      Message: "",
      RecipientLastName: "Lee",
      Link: link,
    });
    const readable = redactMail(mail, [link]);
    expect(readable.subject).toBe("Sam asks you to sign: Lease");
    expect(readable.text).toBe(mail.text.replace(link, REDACTED));
    expect(readable.html).toContain("Hello Ann Lee");
  });

  it("an SMS code is gone from the readable text, wherever it stands", () => {
    fc.assert(
      fc.property(code, fc.string({ maxLength: 30 }), (c, name) => {
        const readable = redactMail(
          { subject: "SMS code", text: `Your code for signing "${name}": ${c}. It expires in 10 minutes.`, html: "" },
          [c],
        );
        expect(readable.text).not.toContain(c);
      }),
    );
  });
});

describe("the sealed deliverable mail", () => {
  const mail = { subject: "S", text: "open http://x/bind/secret-token-value-0123456789", html: "<p>h</p>" };

  it("opens with the key, only for the row it was sealed for", () => {
    const row = sealedOutboxValues(key, mail, ["secret-token-value-0123456789"]);
    expect(row.sealed).not.toContain("secret-token");
    expect(row.text).toBe(`open http://x/bind/${REDACTED}`);
    expect(openOutboxMail(row, [key])).toEqual(mail);
    // Copied to another row, or opened with another key: refused.
    expect(() => openOutboxMail({ id: crypto.randomUUID(), sealed: row.sealed }, [key])).toThrow();
    expect(() => openOutboxMail(row, [randomBytes(32)])).toThrow(/not configured/);
  });

  it("once delivered (sealed dropped) there is nothing to open", () => {
    expect(() => openOutboxMail({ id: crypto.randomUUID(), sealed: null }, [key])).toThrow(/no longer kept/);
  });
});
