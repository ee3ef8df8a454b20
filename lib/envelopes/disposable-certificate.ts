import { z } from "zod";
import { isAlpha2Country } from "@/lib/oauth/country-code";
import type { DataField } from "@/lib/oauth/provider-config";
import { parseDocumentDate, parseInternationalPhone, type RecipientField } from "@/lib/oauth/recipient-values";

// The recipient's disposable-certificate data (seed 001 "Recipient definition in Web UI"): the
// REST recipient's `DisposableCertificate`, stored under the same keys in recipients.certificate
// (what the certificate of completion prints), and the expected values of Validate mappings on
// those data fields (Update mappings write them). Pure: the designer builds the same object.

/** Each REST key and the mapping data field (lib/oauth/provider-config.ts DATA_FIELDS) it holds. */
export const CERTIFICATE_FIELDS = {
  DocumentType: "documentType",
  DocumentNumber: "documentNumber",
  DocumentIssuedOn: "documentIssuedOn",
  DocumentIssuedBy: "documentIssuedBy",
  DocumentExpiryDate: "documentExpiryDate",
  IdentificationIssuingCountry: "identificationIssuingCountry",
  IdentificationType: "identificationType",
  IdentificationNumber: "identificationNumber",
  PhoneNumber: "certificatePhone",
  DocumentIssuingCountry: "documentIssuingCountry",
  CountryOfResidence: "countryOfResidence",
} as const satisfies Record<string, RecipientField>;

export type CertificateKey = keyof typeof CERTIFICATE_FIELDS;

/** What a person calls each field (the seed's Web UI names), for the designer and error messages. */
export const CERTIFICATE_LABELS: Record<CertificateKey, string> = {
  DocumentType: "Document type",
  DocumentNumber: "Document number",
  DocumentIssuedOn: "Issued on",
  DocumentIssuedBy: "Issued by",
  DocumentExpiryDate: "Expiry date",
  IdentificationIssuingCountry: "Identification country",
  IdentificationType: "Identification type",
  IdentificationNumber: "Identification number",
  PhoneNumber: "Mobile phone (certificate)",
  DocumentIssuingCountry: "Document issuing country",
  CountryOfResidence: "Country of residence",
};
export const CERTIFICATE_KEYS = Object.keys(CERTIFICATE_FIELDS) as CertificateKey[];
/** As stored in recipients.certificate: only the keys that hold a value. */
export type CertificateData = Partial<Record<CertificateKey, string>>;
/** As GET answers it: every key, null when unset. */
export type DisposableCertificateJson = Record<CertificateKey, string | null>;

const KEY_OF_FIELD = new Map<DataField, CertificateKey>(
  CERTIFICATE_KEYS.map((key) => [CERTIFICATE_FIELDS[key], key] as const),
);
/** The certificate key a mapping's data field is stored under, or null for the recipient's own columns. */
export const certificateKeyOf = (field: DataField): CertificateKey | null => KEY_OF_FIELD.get(field) ?? null;

/** The stored certificate by mapping data field, for the mapping engine's expected values. */
export function certificateByField(data: CertificateData): Partial<Record<RecipientField, string>> {
  const out: Partial<Record<RecipientField, string>> = {};
  for (const key of CERTIFICATE_KEYS) if (data[key] != null) out[CERTIFICATE_FIELDS[key]] = data[key];
  return out;
}

export function certificateJson(data: CertificateData): DisposableCertificateJson {
  return Object.fromEntries(CERTIFICATE_KEYS.map((key) => [key, data[key] ?? null])) as DisposableCertificateJson;
}

const text = z
  .string()
  .trim()
  .max(256, "At most 256 characters")
  .refine((v) => !/\p{Cc}/u.test(v), { message: "No line breaks or control characters" });
// An ISO 8601 calendar date, a real day: 2024-02-30 is refused, as is a time or another form.
const date = z
  .string()
  .trim()
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && parseDocumentDate(v) === v, {
    message: "A date as YYYY-MM-DD (ISO 8601), e.g. 2031-12-31",
  });
// An assigned ISO 3166-1 alpha-2 code; lower case is taken as the same code.
const country = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .refine(isAlpha2Country, { message: "An ISO 3166-1 alpha-2 country code, e.g. DE" });
const phone = z
  .string()
  .trim()
  .refine((v) => parseInternationalPhone(v) !== null, {
    message: "A mobile phone in international format (+xx or 00xx)",
  })
  .transform((v) => parseInternationalPhone(v)!);

// An empty or null value is "not given": the designer sends every field, filled or not.
const blankToUndefined = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** The REST recipient's `DisposableCertificate`: every key optional; unknown keys dropped like the rest of the body. */
export const ZDisposableCertificate = z.object({
  DocumentType: optional(text),
  DocumentNumber: optional(text),
  DocumentIssuedOn: optional(date),
  DocumentIssuedBy: optional(text),
  DocumentExpiryDate: optional(date),
  IdentificationIssuingCountry: optional(country),
  IdentificationType: optional(text),
  IdentificationNumber: optional(text),
  PhoneNumber: optional(phone),
  DocumentIssuingCountry: optional(country),
  CountryOfResidence: optional(country),
} satisfies Record<CertificateKey, z.ZodType>);

/** The parsed object as stored: only the keys that hold a value. */
export const toCertificateData = (parsed: z.output<typeof ZDisposableCertificate> | undefined): CertificateData =>
  Object.fromEntries(Object.entries(parsed ?? {}).filter(([, v]) => typeof v === "string")) as CertificateData;
