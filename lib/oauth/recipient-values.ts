import { asciiLower, emailKey, emailPatternKey, sameEmail, UNVERIFIED_EMAIL } from "./email-key";
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
  // Phone numbers and dates compare by meaning when both sides parse: "0043 664 1" is "+436641".
  const parse = PHONE_FIELDS.includes(field)
    ? parseInternationalPhone
    : DATE_FIELDS.includes(field)
      ? parseDocumentDate
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
  // Names and document data may hold any letters, digits and punctuation; control characters
  // (line breaks, NUL...) have no place in them and would garble documents and mails.
  if (/\p{Cc}/u.test(text)) return { ok: false, reason: "contains control characters" };
  if (text.length > MAX_UPDATE_LENGTH) return { ok: false, reason: `is longer than ${MAX_UPDATE_LENGTH} characters` };
  return { ok: true, value: text };
}

export const isUpdatable = (field: DataField): field is UpdatableField => DATA_FIELDS[field].updatable;

// Recipient filters (the sender's "Email Equals value", API `Filters[{ CompareOperation,
// FilterId, FilterValue }]`): checked against the values the identity provider vouched for.
// Email addresses always compare by their key (ASCII case folded, domain as A-labels: never
// Unicode case, "IgnoreCase" or not), and an email the IdP marks unverified fails every Email
// filter; other fields compare exactly, unless the operation ends in "IgnoreCase" (Unicode-aware
// folding, see foldCase). "Matches" is a wildcard pattern (* any run of characters,
// ? one character), matched in linear space without regular expressions: no sender-supplied
// pattern can make the matcher backtrack exponentially (ReDoS).

const BASE_OPERATIONS = ["Equals", "NotEquals", "Contains", "StartsWith", "EndsWith", "Matches"] as const;
type BaseOperation = (typeof BASE_OPERATIONS)[number];
export type FilterOperation = BaseOperation | `${BaseOperation}IgnoreCase`;
export const FILTER_OPERATIONS: readonly FilterOperation[] = BASE_OPERATIONS.flatMap((op) => [
  op,
  `${op}IgnoreCase` as const,
]);

export type RecipientFilter = { field: string; operation: FilterOperation; value: string };
/** What the identity provider said about the values beyond the values themselves. */
export type IdentityFacts = { emailUnverified: boolean };
export type FilterResult = { filter: RecipientFilter; actual: string | null; passed: boolean; reason?: string };
export type FilterCheck = { ok: boolean; results: FilterResult[] };

/** Longest value or pattern compared; the wildcard matcher is O(value × pattern). */
export const MAX_FILTER_LENGTH = 1000;

function wildcardMatch(text: string[], pattern: string[]): boolean {
  let t = 0;
  let p = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === "?" || pattern[p] === text[t])) {
      t++;
      p++;
    } else if (p < pattern.length && pattern[p] === "*") {
      star = p++;
      resume = t;
    } else if (star >= 0) {
      // Let the last * swallow one more character and retry; earlier stars never need revisiting.
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (pattern[p] === "*") p++;
  return p === pattern.length;
}

function compare(base: BaseOperation, actual: string, expected: string): boolean {
  switch (base) {
    case "Equals":
      return actual === expected;
    case "NotEquals":
      return actual !== expected;
    case "Contains":
      return actual.includes(expected);
    case "StartsWith":
      return actual.startsWith(expected);
    case "EndsWith":
      return actual.endsWith(expected);
    case "Matches":
      return wildcardMatch(Array.from(actual), Array.from(expected));
  }
}

function lookup(values: Record<string, string | null>, field: string): string | null {
  if (Object.hasOwn(values, field)) return values[field] ?? null;
  // The API spells fields "Email", the engine "email".
  const key = Object.keys(values).find((k) => asciiLower(k) === asciiLower(field));
  return key === undefined ? null : (values[key] ?? null);
}

function checkFilter(
  filter: RecipientFilter,
  values: Record<string, string | null>,
  facts: IdentityFacts,
): FilterResult {
  const raw = lookup(values, filter.field);
  const actual = raw === null ? null : normalizeText(raw);
  const fail = (reason: string): FilterResult => ({ filter, actual, passed: false, reason });
  const ignoreCase = filter.operation.endsWith("IgnoreCase");
  const base = (ignoreCase ? filter.operation.slice(0, -"IgnoreCase".length) : filter.operation) as BaseOperation;
  // Unknown operations and missing values fail closed, NotEquals included: a filter that
  // cannot be checked must not let someone through.
  if (!BASE_OPERATIONS.includes(base)) return fail(`unknown compare operation ${JSON.stringify(filter.operation)}`);
  if (!actual) return fail(`the identity provider gave no ${filter.field}`);
  if (actual.length > MAX_FILTER_LENGTH || filter.value.length > MAX_FILTER_LENGTH)
    return fail(`a value longer than ${MAX_FILTER_LENGTH} characters is not compared`);
  let passed: boolean;
  if (asciiLower(filter.field) === "email") {
    if (facts.emailUnverified) return fail(`${filter.field} ${JSON.stringify(actual)}: ${UNVERIFIED_EMAIL}`);
    // As sent, not NFC-normalised: NFC maps the Kelvin sign to "K" (see ./email-key.ts).
    const key = emailKey(raw!);
    if (key === null)
      return fail(
        `${filter.field} ${JSON.stringify(actual)} is not an email address that can be compared (an address with a domain written as IDNA writes it)`,
      );
    passed = compare(base, key, emailPatternKey(filter.value));
  } else {
    const fold = ignoreCase ? foldCase : normalizeText;
    passed = compare(base, fold(actual), fold(filter.value));
  }
  return passed
    ? { filter, actual, passed }
    : fail(
        `${filter.field} ${JSON.stringify(actual)} does not satisfy ${filter.operation} ${JSON.stringify(filter.value)}`,
      );
}

/** Every filter must hold (an empty list holds). */
export function checkFilters(
  filters: RecipientFilter[],
  values: Record<string, string | null>,
  facts: IdentityFacts,
): FilterCheck {
  const results = filters.map((f) => checkFilter(f, values, facts));
  return { ok: results.every((r) => r.passed), results };
}
