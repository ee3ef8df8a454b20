// Spellings of a return target (callbackUrl, returnTo, …) that try to leave the app's origin
// (issue 13 item 4); no test runner here, so both Vitest properties and Playwright specs draw from it.
import fc from "fast-check";

/** Each is a known trick: dot segments that collapse into `//`, backslashes, encodings, controls, lookalike slashes. */
export const HOSTILE_RETURN_PATHS = [
  "/.//evil.example/x",
  "/%2e//evil.example/x",
  "/%2E//evil.example/x",
  "/..//evil.example/x",
  "/%2e%2e//evil.example/x",
  "/x/../..//evil.example/x",
  "/././/evil.example/x",
  "/\\evil.example/x",
  "/\\\\evil.example/x",
  "\\/\\/evil.example/x",
  "/%5cevil.example/x",
  "/%5C%5Cevil.example/x",
  "/\tevil.example/x",
  "/\t/evil.example/x",
  "/%09/evil.example/x",
  "/\r\n/evil.example/x",
  "/%0d%0a/evil.example/x",
  "/%0D%0A/evil.example/x",
  "/\u2215evil.example/x",
  "/\u2215\u2215evil.example/x",
  "/\uff0f\uff0fevil.example/x",
  "/\u2044\u2044evil.example/x",
  "/\uff0e/\uff0e//evil.example/x",
  "/%EF%BC%8F%EF%BC%8Fevil.example/x",
  "/%2f%2fevil.example/x",
  "/%2F/evil.example/x",
  "/%252e//evil.example/x",
  "//evil.example/x",
  "///evil.example/x",
  " //evil.example/x",
  "https://evil.example/x",
  "HTTPS:evil.example/x",
  "javascript:alert(1)",
  "/\u0000/evil.example/x",
  "/\u202e//evil.example/x",
] as const;

/** Pieces a hostile target is assembled from; any mix of them must stay inside the origin. */
const PIECES = [
  "/",
  "//",
  "\\",
  ".",
  "..",
  "%2e",
  "%2E",
  "%2f",
  "%2F",
  "%5c",
  "%5C",
  "%25",
  "%252e",
  "%",
  "\t",
  "\r",
  "\n",
  "%09",
  "%0a",
  "%0D",
  "\u0000",
  "\u007f",
  "\u0085",
  "\u202e",
  "\u200b",
  "\u2215",
  "\uff0f",
  "\u2044",
  "\uff3c",
  "\ufe68",
  "\uff0e",
  "\u3002",
  "evil.example",
  "x",
  "@",
  ":",
  "?",
  "#",
  "&",
  "=",
  " ",
  "javascript:",
  "http:",
  "https:",
  "HtTp:",
];

/** A string assembled from the pieces above, sometimes starting with `/` like a real path. */
export const hostileReturnPath = fc
  .tuple(fc.boolean(), fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 10 }))
  .map(([lead, parts]) => (lead ? "/" : "") + parts.join(""));

/** Paths the app itself builds: these must come back unchanged. */
export const benignReturnPath = fc
  .tuple(
    fc.array(fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/), { minLength: 0, maxLength: 4 }),
    fc.option(fc.stringMatching(/^[a-z]{1,6}=[A-Za-z0-9_-]{0,10}$/), { nil: undefined }),
  )
  .map(([segments, query]) => `/${segments.join("/")}${query ? `?${query}` : ""}`);
