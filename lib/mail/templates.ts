// The notification templates (seed 000/001 "OAuth for user authentication"): subject and body
// with #Placeholder# variables. Values are HTML-escaped in the HTML part; the text part is plain.

export const TEMPLATES = {
  oauth_verification_request: {
    name: "Initial OAuth verification request",
    placeholders: [
      "RecipientFirstName",
      "RecipientLastName",
      "ProviderName",
      "Link",
      "ExpirationDate",
      "OrganizationName",
    ],
    credentials: ["Link"],
    subject: "Please verify your account with #ProviderName#",
    body: [
      "Hello #RecipientFirstName# #RecipientLastName#,",
      "",
      "your administrator asked you to connect your account to #ProviderName#. After that you sign in with #ProviderName# instead of a password.",
      "",
      "Open this link and sign in at #ProviderName# to confirm it is you:",
      "#Link#",
      "",
      "The link works once and expires on #ExpirationDate#. If you did not expect this message, ignore it.",
    ].join("\n"),
  },
  oauth_assignment_invalidation: {
    name: "OAuth user assignment invalidation information",
    placeholders: ["RecipientFirstName", "RecipientLastName", "ProviderName", "OrganizationName"],
    subject: "Your #ProviderName# sign-in was removed",
    body: [
      "Hello #RecipientFirstName# #RecipientLastName#,",
      "",
      "the connection between your account and #ProviderName# was removed by an administrator. You can no longer sign in with #ProviderName#.",
      "",
      "Earlier verification links for #ProviderName# no longer work.",
    ].join("\n"),
  },
  signer_invitation: {
    name: "Signer invitation",
    placeholders: [
      "RecipientFirstName",
      "RecipientLastName",
      "EnvelopeName",
      "SenderName",
      "Link",
      "ExpirationDate",
      "PersonalMessage",
      // The same text as #PersonalMessage#, for templates written before it had the seed's name.
      "Message",
    ],
    credentials: ["Link"],
    subject: "#SenderName# asks you to sign: #EnvelopeName#",
    body: [
      "Hello #RecipientFirstName# #RecipientLastName#,",
      "",
      '#SenderName# sent you "#EnvelopeName#" to sign.',
      "",
      "#PersonalMessage#",
      "",
      "Open the document:",
      "#Link#",
      "",
      "The link works until #ExpirationDate#.",
    ].join("\n"),
  },
  envelope_completed: {
    name: "Envelope completed",
    placeholders: ["RecipientFirstName", "RecipientLastName", "EnvelopeName", "Link"],
    subject: "Completed: #EnvelopeName#",
    body: [
      "Hello #RecipientFirstName# #RecipientLastName#,",
      "",
      'every signer has signed "#EnvelopeName#". The envelope is completed.',
      "",
      "#Link#",
    ].join("\n"),
  },
  // The envelope's life (lib/envelopes/end-envelope.ts, lib/envelopes/reminders.ts).
  envelope_canceled: {
    name: "Envelope canceled",
    placeholders: ["RecipientFirstName", "RecipientLastName", "EnvelopeName", "SenderName", "Reason"],
    subject: "Canceled: #EnvelopeName#",
    body: [
      "Hello #RecipientFirstName# #RecipientLastName#,",
      "",
      '#SenderName# canceled "#EnvelopeName#". You no longer need to sign it, and its signing link no longer works.',
      "",
      "Reason: #Reason#",
    ].join("\n"),
  },
  envelope_rejected: {
    name: "Envelope rejected",
    placeholders: ["RecipientFirstName", "RecipientLastName", "EnvelopeName", "SignerName", "Reason", "Link"],
    subject: "Rejected: #EnvelopeName#",
    body: [
      "Hello #RecipientFirstName# #RecipientLastName#,",
      "",
      '#SignerName# rejected "#EnvelopeName#". The envelope is closed: nobody can sign it any more.',
      "",
      "Reason: #Reason#",
      "",
      "#Link#",
    ].join("\n"),
  },
  reminder: {
    name: "Reminder",
    placeholders: ["RecipientFirstName", "RecipientLastName", "EnvelopeName", "SenderName", "Link", "ExpirationDate"],
    credentials: ["Link"],
    subject: "Reminder: #SenderName# asks you to sign #EnvelopeName#",
    body: [
      "Hello #RecipientFirstName# #RecipientLastName#,",
      "",
      '#SenderName# is still waiting for your signature on "#EnvelopeName#". It can be signed until #ExpirationDate#.',
      "",
      "Open the document (earlier links no longer work):",
      "#Link#",
    ].join("\n"),
  },
  // To each signer when the envelope completes: a download link of their own for the sealed documents.
  signer_completed: {
    name: "Envelope completed (to a signer)",
    placeholders: ["RecipientFirstName", "RecipientLastName", "EnvelopeName", "Link", "ExpirationDate"],
    credentials: ["Link"],
    subject: "Completed: #EnvelopeName#",
    body: [
      "Hello #RecipientFirstName# #RecipientLastName#,",
      "",
      'every signer has signed "#EnvelopeName#". The envelope is completed.',
      "",
      "Download the sealed documents and the certificate of completion:",
      "#Link#",
      "",
      "The link is yours alone and works until #ExpirationDate#.",
    ].join("\n"),
  },
} as const;

export type TemplateKey = keyof typeof TEMPLATES;

/** The #Placeholder# names of a template: its `placeholders` list above, the one place they are written. */
export type TemplateVar<K extends TemplateKey> = (typeof TEMPLATES)[K]["placeholders"][number];

/** A value for each of a template's placeholders: a missing or misspelt name (`Nmae`) does not compile. */
export type TemplateVars<K extends TemplateKey> = Record<TemplateVar<K>, string>;

/** The placeholders whose value is a live credential (the /bind/ and /sign/ links): readable only by the recipient, redacted everywhere else. */
export const credentialPlaceholders = (key: TemplateKey): readonly string[] =>
  "credentials" in TEMPLATES[key] ? (TEMPLATES[key] as { credentials: readonly string[] }).credentials : [];
export const TEMPLATE_KEYS = Object.keys(TEMPLATES) as TemplateKey[];

export type RenderedMail = { subject: string; text: string; html: string };

export const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

const PLACEHOLDER = /#([A-Za-z][A-Za-z0-9]*)#/g;

/** Unknown placeholders stay as written, so an admin's typo is visible in the preview. */
export function renderTemplate(
  template: { subject: string; body: string },
  vars: Record<string, string>,
): RenderedMail {
  const plain = (s: string) => s.replace(PLACEHOLDER, (whole, name: string) => vars[name] ?? whole);
  const html = escapeHtml(template.body)
    .replace(PLACEHOLDER, (whole, name: string) => {
      const value = vars[name];
      if (value === undefined) return whole;
      return name === "Link" ? `<a href="${escapeHtml(value)}">${escapeHtml(value)}</a>` : escapeHtml(value);
    })
    .replace(/\n/g, "<br>\n");
  // A subject is one line: a value with a line break must not add mail headers.
  return {
    subject: plain(template.subject)
      .replace(/[\r\n]+/g, " ")
      .slice(0, 300),
    text: plain(template.body),
    html: `<!doctype html><html><body>${html}</body></html>`,
  };
}
