import { randomUUID } from "node:crypto";
import { open, seal } from "@/lib/crypto/secret-box";
import { escapeHtml, type RenderedMail } from "./templates";

// A mail that carries a live credential (bind link, signing link, SMS code) is stored twice:
// `subject`/`text`/`html` hold a copy with every credential replaced by REDACTED, which is all
// any reader of the database or any page ever gets; `sealed` holds the deliverable mail,
// sealed with ENCRYPTION_KEY and bound to its row, opened only by the delivery loop (or a
// future SMS gateway) and dropped once delivered. So neither the Outbox page, nor a database
// reader without the key, nor the row after delivery shows the credential.

export const REDACTED = "[credential: sent only to the recipient]";

/** Every credential (in its plain and its HTML-escaped spelling) replaced by REDACTED, longest first. */
export function redactMail(mail: RenderedMail, credentials: string[]): RenderedMail {
  const needles = [...new Set(credentials.filter((c) => c.length > 0).flatMap((c) => [c, escapeHtml(c)]))].sort(
    (a, b) => b.length - a.length,
  );
  const redact = (s: string) => needles.reduce((out, n) => out.split(n).join(REDACTED), s);
  return { subject: redact(mail.subject), text: redact(mail.text), html: redact(mail.html) };
}

const aad = (id: string) => `mail:${id}`;

/** The values of a new outbox row: the redacted copy in the clear, the deliverable mail sealed to the row's id. */
export function sealedOutboxValues(key: Buffer, mail: RenderedMail, credentials: string[]) {
  const id = randomUUID();
  return { id, ...redactMail(mail, credentials), sealed: seal(JSON.stringify(mail), key, aad(id)) };
}

/** The deliverable mail, for the delivery loop only; throws when it was delivered already (nothing is kept) or the key is gone. */
export function openOutboxMail(row: { id: string; sealed: string | null }, keys: Buffer[]): RenderedMail {
  if (!row.sealed) throw new Error("The mail's text is no longer kept (delivered, or written before mail was sealed)");
  return JSON.parse(open(row.sealed, keys, aad(row.id))) as RenderedMail;
}
