import countries from "i18n-iso-countries";

// ISO 3166-1 country codes, from the list i18n-iso-countries keeps current with the standard.
// Its package entry, not its codes.json: a JSON module needs an import attribute in Node's ESM
// loader (Playwright loads this file), and the browser build of the entry holds only the codes.

const ALPHA2 = new Set(Object.keys(countries.getAlpha2Codes()));
const ALPHA3_TO_ALPHA2 = new Map(
  Object.entries(countries.getAlpha2Codes()).map(([alpha2, alpha3]) => [alpha3, alpha2]),
);

/** Whether `code` is an assigned ISO 3166-1 alpha-2 code, in capitals ("DE"; never "de" or "ZZ"). */
export const isAlpha2Country = (code: string): boolean => ALPHA2.has(code);

/**
 * A country code from an identity provider as ISO 3166-1 alpha-2, or null: alpha-2 or alpha-3,
 * any case, surrounding space ignored ("de", "DEU" → "DE"). A country's name is not a code
 * ("Germany" → null): names differ by language and spelling.
 */
export function parseCountryCode(raw: string): string | null {
  const code = raw.normalize("NFC").trim().toUpperCase();
  if (!/^[A-Z]{2,3}$/.test(code)) return null;
  if (code.length === 2) return ALPHA2.has(code) ? code : null;
  return ALPHA3_TO_ALPHA2.get(code) ?? null;
}
