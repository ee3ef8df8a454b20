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

export const ENVELOPE_STATUSES = ["draft", "sent", "completed", "canceled", "expired"] as const;
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

export const RECIPIENT_STATUSES = ["pending", "invited", "signed", "notified"] as const;
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
    signedAt: timestamp("signed_at", { withTimezone: true }),
  },
  (t) => [index("signature_fields_recipient_idx").on(t.recipientId)],
);

export type FileRow = typeof files.$inferSelect;
export type EnvelopeRow = typeof envelopes.$inferSelect;
export type RecipientRow = typeof recipients.$inferSelect;
export type SignatureFieldRow = typeof signatureFields.$inferSelect;
