// Security rule: text from outside (IdP error fields, claims, names, user agents) must not be able
// to forge the trail: a line break would fake a new row in a log or CSV view, a terminal escape
// would repaint a terminal, a bidi override would reorder what a reader sees. Every string of an
// event passes through here when it is written (emit-audit.ts), so no caller can forget it.

// C0 controls, DEL, C1 controls; bidi embeddings/overrides (U+202A–202E), isolates (U+2066–2069),
// the directional marks (U+200E, U+200F, U+061C) and the Unicode line/paragraph separators.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Each unsafe character becomes a visible `\u{…}` escape (lower-case hex); everything else is kept. */
export function escapeUnsafeText(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

/** Every string in a JSON-like value, object keys included, escaped. */
export function escapeUnsafeDeep<T>(value: T, depth = 0): T {
  if (typeof value === "string") return escapeUnsafeText(value) as T;
  if (depth > 40 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => escapeUnsafeDeep(v, depth + 1)) as T;
  if (value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [escapeUnsafeText(k), escapeUnsafeDeep(v, depth + 1)]),
  ) as T;
}
