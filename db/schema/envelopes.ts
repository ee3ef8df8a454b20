import { sql } from "drizzle-orm";
import {
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./users";

// Envelopes (DESIGN.md screens 7-9): uploaded files, the envelope, its recipients in order with
// their authentication, and the signature fields placed on the documents.

/** bytea as a Buffer on both backends (postgres.js gives a Buffer, PGlite a Uint8Array). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => value,
  fromDriver: (value) => Buffer.from(value),
});

/** An uploaded PDF (POST /api/v6/file/upload or the designer); checked for the PDF header and size on the way in. */
export const files = pgTable(
  "files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerUserId: uuid("owner_user_id").references(() => users.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    // Page sizes read from the PDF when it is stored ([width, height] in PDF units), for field placement.
    pages: jsonb("pages").$type<[number, number][]>().notNull().default([]),
    content: bytea("content").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("files_owner_idx").on(t.ownerUserId, t.createdAt)],
);

/** Days after the invitation for the first reminder, then every `recurrent` days (0: none), and once `beforeExpiration` days before the expiry (0: none). */
export type ReminderSettings = { first: number; recurrent: number; beforeExpiration: number };

/** An agreement's texts and headings by language ("*" for any other). */
export type LocalizedText = { Language: string; Value: string };
export type RecipientAgreement = { texts: LocalizedText[]; headings: LocalizedText[] };

export type RecipientOptions = {
  disableEmail?: boolean;
  emailBodyExtra?: string;
  allowDelegation?: boolean;
  skipExternalDataValidation?: boolean;
  /** DocumentOptions with IsHidden: the DocRefNumbers this recipient does not see. */
  hiddenDocs?: number[];
  /** Delegated: the recipient this one took over from. */
  delegatedFrom?: string;
};

export const ENVELOPE_STATUSES = ["draft", "sent", "completed", "rejected", "canceled", "expired"] as const;
export type EnvelopeStatus = (typeof ENVELOPE_STATUSES)[number];

export const envelopes = pgTable(
  "envelopes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    emailSubject: text("email_subject").notNull().default(""),
    emailBody: text("email_body").notNull().default(""),
    status: text("status").$type<EnvelopeStatus>().notNull(),
    senderUserId: uuid("sender_user_id").references(() => users.id, { onDelete: "set null" }),
    senderEmail: text("sender_email").notNull(),
    senderName: text("sender_name").notNull().default(""),
    expirationSeconds: integer("expiration_seconds").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    // Canceled by the sender or rejected by a signer: when, and the reason they gave (lib/envelopes/end-envelope.ts).
    endedAt: timestamp("ended_at", { withTimezone: true }),
    endReason: text("end_reason"),
    // The seed's StatusUpdateCallbackUrl and CallbackUrl (completion): lib/callbacks/.
    statusCallbackUrl: text("status_callback_url"),
    completionCallbackUrl: text("completion_callback_url"),
    // The seed's reminder settings, null when EnableReminders is false (lib/envelopes/reminders.ts).
    reminders: jsonb("reminders").$type<ReminderSettings | null>(),
    // The seed's DisplayedEmailSender: the sender's name in the signers' mails.
    displayedSender: text("displayed_sender"),
  },
  (t) => [
    index("envelopes_sender_idx").on(t.senderUserId, t.createdAt),
    index("envelopes_status_idx").on(t.status, t.createdAt),
  ],
);

/** The envelope's documents in order; docRef is the seed's DocRefNumber (1-based). */
export const envelopeDocuments = pgTable(
  "envelope_documents",
  {
    envelopeId: uuid("envelope_id")
      .notNull()
      .references(() => envelopes.id, { onDelete: "cascade" }),
    docRef: integer("doc_ref").notNull(),
    fileId: uuid("file_id")
      .notNull()
      .references(() => files.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.envelopeId, t.docRef] })],
);

/** One OAuth provider a recipient may authenticate with: filters and the expected values of Custom fields. */
export type RecipientProviderAuth = {
  providerId: string;
  filters: { field: string; operation: string; value: string }[];
  customValues: Record<string, string>;
};
/** How a recipient must authenticate; any one of the chosen methods suffices. Codes only as hashes. */
export type RecipientAuthConfig = {
  accessCodeHash: string | null;
  sms: boolean;
  providers: RecipientProviderAuth[];
};

export type SignerRefusal = { providerId: string; presented: string | null; browserHash: string };

export const RECIPIENT_STATUSES = ["pending", "invited", "signed", "notified", "rejected", "delegated"] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

export const recipients = pgTable(
  "recipients",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    envelopeId: uuid("envelope_id")
      .notNull()
      .references(() => envelopes.id, { onDelete: "cascade" }),
    orderIndex: integer("order_index").notNull(),
    role: text("role").$type<"signer" | "cc">().notNull(),
    email: text("email").notNull(),
    firstName: text("first_name").notNull().default(""),
    lastName: text("last_name").notNull().default(""),
    phone: text("phone"),
    languageCode: text("language_code").notNull().default("en"),
    // The disposable-certificate holder data of seed 001 "Data Mapping", under the REST recipient's
    // DisposableCertificate keys (DocumentNumber, PhoneNumber, ...: lib/envelopes/disposable-certificate.ts).
    certificate: jsonb("certificate").$type<Record<string, string>>().notNull().default({}),
    auth: jsonb("auth").$type<RecipientAuthConfig>().notNull(),
    status: text("status").$type<RecipientStatus>().notNull(),
    // The emailed signing link: only its sha256 is kept.
    linkTokenHash: text("link_token_hash"),
    linkExpiresAt: timestamp("link_expires_at", { withTimezone: true }),
    invitedAt: timestamp("invited_at", { withTimezone: true }),
    // Authenticated for this envelope: by which method, and bound to the browser that did it (sha256 of its cookie).
    authMethod: text("auth_method"),
    authProviderId: uuid("auth_provider_id"),
    authSubject: text("auth_subject"),
    authenticatedAt: timestamp("authenticated_at", { withTimezone: true }),
    authBrowserHash: text("auth_browser_hash"),
    lastAuthError: text("last_auth_error"),
    // The last provider refusal, for the refused browser only: which provider and the identity it
    // presented (an email or a subject), so the signer sees who signed in (never why the check failed).
    lastRefusal: jsonb("last_refusal").$type<SignerRefusal | null>(),
    smsCodeHash: text("sms_code_hash"),
    smsCodeExpiresAt: timestamp("sms_code_expires_at", { withTimezone: true }),
    codeAttempts: integer("code_attempts").notNull().default(0),
    // When the last CalledPage row was written: reloads within PAGE_CALL_INTERVAL write none.
    lastPageCallAt: timestamp("last_page_call_at", { withTimezone: true }),
    agreementAcceptedAt: timestamp("agreement_accepted_at", { withTimezone: true }),
    signedAt: timestamp("signed_at", { withTimezone: true }),
    rejectedAt: timestamp("rejected_at", { withTimezone: true }),
    // Reminders sent for the current invitation (lib/envelopes/reminders.ts).
    remindersSent: integer("reminders_sent").notNull().default(0),
    lastRemindedAt: timestamp("last_reminded_at", { withTimezone: true }),
    expiryRemindedAt: timestamp("expiry_reminded_at", { withTimezone: true }),
    // The step's Agreements task (texts and headings by language); null: the default agreement (lib/envelopes/agreements.ts).
    agreement: jsonb("agreement").$type<RecipientAgreement | null>(),
    // The seed's per-recipient options (lib/envelopes/schema-lifecycle.ts recipientOptions).
    options: jsonb("options").$type<RecipientOptions>().notNull().default({}),
    // DisableEmail: the live signing link, sealed to this row, for the sender to read over REST (GET envelope).
    sealedLink: text("sealed_link"),
  },
  (t) => [
    index("recipients_envelope_idx").on(t.envelopeId, t.orderIndex),
    index("recipients_envelope_email_idx").on(t.envelopeId, sql`lower(${t.email})`),
    uniqueIndex("recipients_link_idx").on(t.linkTokenHash),
  ],
);

/** A signature field: page and position in PDF units from the lower-left corner (the seed's PdfUnits / Lower_Left). */
export const signatureFields = pgTable(
  "signature_fields",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    envelopeId: uuid("envelope_id")
      .notNull()
      .references(() => envelopes.id, { onDelete: "cascade" }),
    recipientId: uuid("recipient_id")
      .notNull()
      .references(() => recipients.id, { onDelete: "cascade" }),
    docRef: integer("doc_ref").notNull().default(1),
    page: integer("page").notNull(),
    x: real("x").notNull(),
    y: real("y").notNull(),
    width: real("width").notNull(),
    height: real("height").notNull(),
    label: text("label").notNull().default("Signature"),
    // How the signer may sign this field (the seed's AllowedSignatureTypes, in our names), and the
    // stamp imprint it asks for (the seed's StampImprintConfiguration; null: the defaults).
    allowedTypes: jsonb("allowed_types").$type<SignatureType[]>().notNull().default(["Click2Sign"]),
    stampConfig: jsonb("stamp_config").$type<StampConfig | null>(),
    signedAt: timestamp("signed_at", { withTimezone: true }),
    // What the signer gave: the type, the drawn PNG or the typed text, and from which address.
    signatureType: text("signature_type").$type<SignatureType>(),
    signatureImage: bytea("signature_image"),
    typedText: text("typed_text"),
    signedIp: text("signed_ip"),
  },
  (t) => [index("signature_fields_recipient_idx").on(t.recipientId)],
);

export const SIGNATURE_TYPES = ["Click2Sign", "Draw", "Type"] as const;
export type SignatureType = (typeof SIGNATURE_TYPES)[number];

/** The seed's StampImprintConfiguration: what the stamp imprint shows. */
export type StampConfig = {
  DisplayName: boolean;
  DisplayEmail: boolean;
  DisplayIp: boolean;
  DisplaySignatureDate: boolean;
  DisplayTransactionId: boolean;
  DisplayPhoneNumber: boolean;
  FontFamily: string;
  FontSize: number;
};

/**
 * The sealing of a completed envelope, queued in the transaction that completes it (so it is
 * never lost), claimed by the seal worker with FOR UPDATE SKIP LOCKED; "done" is written in the
 * transaction that stores the sealed documents and audits DocumentSealed, so it happens once.
 */
export const sealJobs = pgTable(
  "seal_jobs",
  {
    envelopeId: uuid("envelope_id")
      .primaryKey()
      .references(() => envelopes.id, { onDelete: "cascade" }),
    status: text("status").$type<"pending" | "done" | "failed">().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp("done_at", { withTimezone: true }),
  },
  (t) => [index("seal_jobs_status_next_idx").on(t.status, t.nextAttemptAt)],
);

/** The sealed PDF of each envelope document (docRef ≥ 1), and the certificate of completion alone (docRef 0). */
export const sealedDocuments = pgTable(
  "sealed_documents",
  {
    envelopeId: uuid("envelope_id")
      .notNull()
      .references(() => envelopes.id, { onDelete: "cascade" }),
    docRef: integer("doc_ref").notNull(),
    sha256: text("sha256").notNull(),
    size: integer("size").notNull(),
    content: bytea("content").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.envelopeId, t.docRef] })],
);

/** A signer's link to download the sealed documents (the "Envelope completed" mail): only its sha256 is kept. */
export const sealedDownloadLinks = pgTable(
  "sealed_download_links",
  {
    tokenHash: text("token_hash").primaryKey(),
    envelopeId: uuid("envelope_id")
      .notNull()
      .references(() => envelopes.id, { onDelete: "cascade" }),
    recipientId: uuid("recipient_id")
      .notNull()
      .references(() => recipients.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sealed_download_links_envelope_idx").on(t.envelopeId)],
);

export type FileRow = typeof files.$inferSelect;
export type EnvelopeRow = typeof envelopes.$inferSelect;
export type RecipientRow = typeof recipients.$inferSelect;
export type SignatureFieldRow = typeof signatureFields.$inferSelect;
export type SealJobRow = typeof sealJobs.$inferSelect;
