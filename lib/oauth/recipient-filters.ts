import { asciiLower, emailKey, emailPatternKey, UNVERIFIED_EMAIL } from "./email-key";
import { foldCase, normalizeText } from "./recipient-values";

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
