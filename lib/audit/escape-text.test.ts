import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeUnsafeDeep, escapeUnsafeText } from "./escape-text";

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const unsafeChars = [
  ...Array.from({ length: 0x20 }, (_, i) => i),
  ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
  0x61c,
  0x200e,
  0x200f,
  0x2028,
  0x2029,
  0x202a,
  0x202b,
  0x202c,
  0x202d,
  0x202e,
  0x2066,
  0x2067,
  0x2068,
  0x2069,
].map((c) => String.fromCodePoint(c));
// Text from outside: anything, with a good share of the characters that matter here.
const hostileText = fc
  .array(fc.oneof(fc.string({ unit: "grapheme" }), fc.constantFrom(...unsafeChars)), { maxLength: 20 })
  .map((parts) => parts.join(""));
const unescape = (s: string) =>
  s.replace(/\\u\{([0-9a-f]+)\}/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));

describe("escapeUnsafeText", () => {
  it("leaves no control, DEL, C1, bidi or line-separator character", () => {
    fc.assert(fc.property(hostileText, (text) => !UNSAFE.test(escapeUnsafeText(text))));
  });

  it("keeps every other character as it was, and the escape is readable back (when the input had no escapes of its own)", () => {
    fc.assert(
      fc.property(
        hostileText.filter((t) => !t.includes("\\u{")),
        (text) => {
          expect(unescape(escapeUnsafeText(text))).toBe(text);
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme" }).filter((t) => !UNSAFE.test(t)),
        (text) => escapeUnsafeText(text) === text,
      ),
    );
  });

  it("spells each unsafe character as a visible \\u{hex} escape", () => {
    expect(escapeUnsafeText("a\r\nb\u001b[31mc\u202eexe.txt\u0085\u007f")).toBe(
      "a\\u{d}\\u{a}b\\u{1b}[31mc\\u{202e}exe.txt\\u{85}\\u{7f}",
    );
    expect(escapeUnsafeText("Zoë <b>Müller</b> 日本")).toBe("Zoë <b>Müller</b> 日本");
  });
});

describe("escapeUnsafeDeep", () => {
  it("escapes every string of a JSON value, keys included, and keeps its shape and other values", () => {
    fc.assert(
      fc.property(fc.jsonValue(), hostileText, (value, text) => {
        const input = { [text]: value, list: [text, 1, true, null], nested: { deeper: text } };
        const out = escapeUnsafeDeep(input);
        const strings: string[] = [];
        JSON.stringify(out, (k, v) => (strings.push(k), typeof v === "string" && strings.push(v), v));
        expect(strings.some((s) => UNSAFE.test(s))).toBe(false);
        expect(out.list.slice(1)).toEqual([1, true, null]);
      }),
    );
  });
});
