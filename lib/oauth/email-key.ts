// How email addresses are compared, everywhere an email decides who someone is (recipient
// filters, the email Validate mapping, recipients with the same address, password sign-in).
//
// Security rule: only ASCII case is folded, never Unicode case. Unicode case mapping turns
// look-alikes into the real thing: "alıce" (dotless ı, U+0131) upper-cases to "ALICE", and
// "K" (KELVIN SIGN, U+212A) lower-cases to "k", so an address an attacker can register at some
// identity provider would pass as someone else's. The local part is folded in ASCII only (it is
// the receiving server's to interpret). The domain goes to its A-label form (IDNA, "xn--..."),
// but only if it is already written as IDNA would write it: the UTS 46 mapping step also folds
// Unicode case and compatibility forms (it maps the Kelvin sign to "k", full-width letters to
// ASCII), and a domain that needs such a mapping is not the one it looks like, so it matches
// nothing. Nor is Unicode normalisation applied: NFC itself maps the KELVIN SIGN to "K" (a
// canonical singleton), so an address compares code point by code point, ASCII case aside, and
// a decomposed "u" + "¨" is not "ü" here (fail closed; IdPs send NFC). Browser-safe (the mapping preview runs this file's callers in the page): WHATWG URL
// does the IDNA conversion, the same algorithm as node's url.domainToASCII.

/** A-Z → a-z and nothing else. */
export const asciiLower = (value: string): string =>
  value.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));

const isAscii = (value: string) => /^[\x00-\x7f]*$/.test(value);

// RFC 3492 Punycode, encoder only: used to check that IDNA changed nothing but ASCII case.
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / 700) : delta >> 1;
  d += Math.floor(d / points);
  let k = 0;
  for (; d > ((BASE - T_MIN) * T_MAX) >> 1; k += BASE) d = Math.floor(d / (BASE - T_MIN));
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + 38));
}

const digit = (d: number) => String.fromCharCode(d < 26 ? d + 97 : d + 22);

/** The Punycode encoding of one label (without the "xn--" prefix). */
export function punycodeEncode(label: string): string {
  const points = Array.from(label, (c) => c.codePointAt(0)!);
  let output = points
    .filter((c) => c < 0x80)
    .map((c) => String.fromCharCode(c))
    .join("");
  const basic = output.length;
  let handled = basic;
  if (basic > 0) output += "-";
  let n = 0x80;
  let delta = 0;
  let bias = 72;
  while (handled < points.length) {
    const m = Math.min(...points.filter((c) => c >= n));
    delta += (m - n) * (handled + 1);
    n = m;
    for (const c of points) {
      if (c < n) delta++;
      if (c !== n) continue;
      let q = delta;
      for (let k = BASE; ; k += BASE) {
        const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
        if (q < t) break;
        output += digit(t + ((q - t) % (BASE - t)));
        q = Math.floor((q - t) / (BASE - t));
      }
      output += digit(q);
      bias = adapt(delta, handled + 1, handled === basic);
      delta = 0;
      handled++;
    }
    delta++;
    n++;
  }
  return output;
}

/** A label IDNA would convert to exactly "xn--" + its Punycode: non-ASCII, already mapped (lower case, NFC, no compatibility forms). */
function canonicalULabel(label: string): string | null {
  // ASCII inside a label: letters, digits and hyphens only (no "%", "@", ":", "/"... that URL parsing would interpret).
  if (Array.from(label).some((c) => isAscii(c) && !/[a-z0-9-]/.test(c))) return null;
  let host: string;
  try {
    host = new URL(`http://${label}/`).hostname;
  } catch {
    return null;
  }
  const aLabel = `xn--${punycodeEncode(label)}`;
  return host === aLabel ? aLabel : null;
}

/**
 * The domain's comparison form: ASCII lower case, each non-ASCII label as its A-label; null
 * when it is empty, has an empty label, or is not written as IDNA writes it (see above).
 */
export function domainKey(domain: string): string | null {
  const labels = asciiLower(domain).split(".");
  const out: string[] = [];
  for (const label of labels) {
    if (label === "") return null;
    const key = isAscii(label) ? (/^[a-z0-9_-]+$/.test(label) ? label : null) : canonicalULabel(label);
    if (key === null) return null;
    out.push(key);
  }
  return out.join(".");
}

/** The comparison form of an email address (`local@domain`), or null when it is not one. */
export function emailKey(address: string): string | null {
  const text = address.trim();
  const at = text.lastIndexOf("@");
  if (at <= 0 || at === text.length - 1) return null;
  const domain = domainKey(text.slice(at + 1));
  return domain === null ? null : `${asciiLower(text.slice(0, at))}@${domain}`;
}

/** Two addresses are the same only when both are addresses and their keys are equal. */
export function sameEmail(a: string, b: string): boolean {
  const ka = emailKey(a);
  return ka !== null && ka === emailKey(b);
}

/**
 * A filter value compared with an email's key ("@kontoso.com", "*@example.com", "alice"):
 * ASCII lower case; after its last "@", each label IDNA would convert goes to its A-label, so
 * "EndsWith @münchen.de" matches "anna@xn--mnchen-3ya.de". A label with wildcards in it stays as
 * written (write such a pattern with the A-label).
 */
export function emailPatternKey(value: string): string {
  const text = asciiLower(value.trim());
  const at = text.lastIndexOf("@");
  if (at < 0) return text;
  const labels = text
    .slice(at + 1)
    .split(".")
    .map((label) => (isAscii(label) ? label : (canonicalULabel(label) ?? label)));
  return `${text.slice(0, at)}@${labels.join(".")}`;
}

/**
 * Whether a document from the identity provider (the ID token's claims, a resource URI's JSON)
 * says its email is not verified: `email_verified` present and anything but true or "true".
 * Absent (or null) is no statement: plain OAuth2 resources rarely send it.
 */
export function emailMarkedUnverified(document: unknown): boolean {
  if (
    typeof document !== "object" ||
    document === null ||
    Array.isArray(document) ||
    !Object.hasOwn(document, "email_verified")
  )
    return false;
  const v = (document as Record<string, unknown>).email_verified;
  if (v === null || v === undefined || v === true) return false;
  return !(typeof v === "string" && asciiLower(v.trim()) === "true");
}

export const UNVERIFIED_EMAIL = "the identity provider says this email is not verified";
