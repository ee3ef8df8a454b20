// What a hostile client can send as a JSON body (issue 8, hostile input); no test runner here, so
// both Vitest properties and Playwright specs draw from it.
import fc from "fast-check";

/** Keys that break naive code: prototype names, markup, path syntax, the empty key. */
export const HOSTILE_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "<img src=x onerror=alert(1)>",
  "",
  "$",
  "a.b",
  "0",
  "length",
];

export const hostileString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "\t\n",
    "\u0000",
    "\u202e",
    "\ud800",
    "<img src=x onerror=alert(1)>",
    "'; DROP TABLE users; --",
    "NaN",
    "-1",
    "1e309",
    "true",
    "null",
    "a".repeat(5000),
  ),
);

const hostileScalar = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(-0, 2 ** 53, -(2 ** 31), 1e308),
);

/** Arbitrary JSON as `request.json()` would give it: nested, with hostile keys and strings. */
export const hostileJson: fc.Arbitrary<unknown> = fc
  .letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      hostileScalar,
      fc.array(tie("value"), { maxLength: 4 }),
      fc.dictionary(fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 8 })), tie("value"), {
        maxKeys: 5,
      }),
    ),
  }))
  .value.map((v) => JSON.parse(JSON.stringify(v) ?? "null") as unknown);
