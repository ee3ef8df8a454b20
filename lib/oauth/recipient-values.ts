import { parseCountryCode } from "./country-code";
import { sameEmail } from "./email-key";
import { DATA_FIELDS, type DataField } from "./provider-config";

export { sameEmail } from "./email-key";

// How values from an identity provider are compared with, and turned into, recipient data
// (seed 001 "Data Mapping"). Shared by the field mappings and the recipient filters.
//
// Text is compared in Unicode NFC with surrounding whitespace trimmed: an IdP and a browser
// may send "é" precomposed or as "e" + combining accent, which are the same letters to a person
// (canonical equivalence, not a case difference, so NFC applies even with "respect case").
// NFKC is not used: it folds compatibility forms ("ﬁ", superscripts, full-width digits) that
// can change what a document number or name means.

export type RecipientField = Exclude<DataField, "custom">;
export type UpdatableField = {
  [K in DataField]: (typeof DATA_FIELDS)[K]["updatable"] extends true ? K : never;
}[DataField];

export const PHONE_FIELDS: readonly DataField[] = ["phone", "certificatePhone"];
export const DATE_FIELDS: readonly DataField[] = ["documentIssuedOn", "documentExpiryDate"];
export const COUNTRY_FIELDS: readonly DataField[] = [
  "identificationIssuingCountry",
  "documentIssuingCountry",
  "countryOfResidence",
];
/** Longest text an update may write; anything longer is more likely garbage than a name. */
export const MAX_UPDATE_LENGTH = 256;

export const normalizeText = (value: string): string => value.normalize("NFC").trim();

/**
 * Case-insensitive form of names and other text (never of emails: see ./email-key.ts): upper
 * then lower case approximates Unicode full case folding, so "Straße" equals "STRASSE" and "ﬁ"
 * equals "FI", which lower-casing alone would miss. Unicode-aware on purpose: a sender who asks
 * for "ignore case" on a name means the person's name in any case, and a name decides nothing
 * by itself the way an address (where the IdP's mail goes) does.
 */
export const foldCase = (value: string): string => normalizeText(value).toUpperCase().toLowerCase().normalize("NFC");

/**
 * An international phone number: "+" or "00", a country code (not starting with 0), then
 * digits with optional spaces or dashes; 8 to 15 digits in all (E.164). Returns "+<digits>".
 */
export function parseInternationalPhone(raw: string): string | null {
  const match = /^(?:\+|00)([1-9][0-9 -]*)$/.exec(normalizeText(raw));
  if (!match?.[1] || /[ -]{2}|[ -]$/.test(match[1])) return null;
  const digits = match[1].replace(/[ -]/g, "");
  return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : null;
}

const DATE_FORMS: { pattern: RegExp; order: "ymd" | "dmy" }[] = [
  // ISO 8601 calendar date, optionally with a time: the date is taken as written, never shifted
  // to UTC (a document issued on the 1st stays issued on the 1st whatever the offset says).
  {
    pattern: /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i,
    order: "ymd",
  },
  { pattern: /^(\d{4})(\d{2})(\d{2})$/, order: "ymd" }, // ISO 8601 basic format
  { pattern: /^(\d{4})\/(\d{2})\/(\d{2})$/, order: "ymd" }, // year first is never ambiguous
  { pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, order: "dmy" }, // the dotted form is day first wherever it is used
];

/**
 * A document date as YYYY-MM-DD, or null. Accepted: ISO 8601 (extended, with an optional time,
 * or basic YYYYMMDD), YYYY/MM/DD and DD.MM.YYYY. Refused as ambiguous: 01/02/2020 (day or month
 * first?), two-digit years, numbers (seconds or milliseconds since when?).
 */
export function parseDocumentDate(raw: string): string | null {
  const text = normalizeText(raw);
  for (const { pattern, order } of DATE_FORMS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const [year, month, day] = (order === "ymd" ? [m[1], m[2], m[3]] : [m[3], m[2], m[1]]).map(Number) as [
      number,
      number,
      number,
    ];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (year < 1000 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
      return null;
    return `${String(year)}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  }
  return null;
}

/** Whether a value from the IdP matches the expected value of `field` (Validate mappings). */
export function sameFieldValue(field: DataField, actual: string, expected: string, respectCase: boolean): boolean {
  if (field === "email") return sameEmail(actual, expected);
  // Phone numbers, dates and countries compare by meaning when both sides parse: "0043 664 1" is
  // "+436641", "DEU" is "DE".
  const parse = PHONE_FIELDS.includes(field)
    ? parseInternationalPhone
    : DATE_FIELDS.includes(field)
      ? parseDocumentDate
      : COUNTRY_FIELDS.includes(field)
        ? parseCountryCode
        : null;
  const [a, b] = parse ? [parse(actual), parse(expected)] : [null, null];
  if (a !== null && b !== null) return a === b;
  return respectCase ? normalizeText(actual) === normalizeText(expected) : foldCase(actual) === foldCase(expected);
}

export type UpdateValue = { ok: true; value: string } | { ok: false; reason: string };

/** Checks and normalises a value an Update mapping would write into `field`. */
export function toUpdateValue(field: UpdatableField, raw: string): UpdateValue {
  const text = normalizeText(raw);
  if (PHONE_FIELDS.includes(field)) {
    const phone = parseInternationalPhone(text);
    return phone
      ? { ok: true, value: phone }
      : { ok: false, reason: "is not an international phone number (+xx or 00xx followed by digits)" };
  }
  if (DATE_FIELDS.includes(field)) {
    const date = parseDocumentDate(text);
    return date
      ? { ok: true, value: date }
      : { ok: false, reason: "is not a date (expected e.g. 2024-03-31, 20240331 or 31.03.2024)" };
  }
  if (COUNTRY_FIELDS.includes(field)) {
    const country = parseCountryCode(text);
    return country
      ? { ok: true, value: country }
      : { ok: false, reason: "is not an ISO 3166-1 country code (expected e.g. DE or DEU)" };
  }
  // Names and document data may hold any letters, digits and punctuation; control characters
  // (line breaks, NUL...) have no place in them and would garble documents and mails.
  if (/\p{Cc}/u.test(text)) return { ok: false, reason: "contains control characters" };
  if (text.length > MAX_UPDATE_LENGTH) return { ok: false, reason: `is longer than ${MAX_UPDATE_LENGTH} characters` };
  return { ok: true, value: text };
}

export const isUpdatable = (field: DataField): field is UpdatableField => DATA_FIELDS[field].updatable;
