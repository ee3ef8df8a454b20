// Look-alike email addresses (issue 13 item 8): a character outside ASCII whose Unicode case
// mapping or normalisation is ASCII ("ı" → "I", "K" KELVIN SIGN → "k", "ſ" → "S", "ﬁ" → "FI",
// full-width and mathematical letters), put where the
// ASCII letters of a real address would be. No test runner here: Vitest properties draw from it.
import fc from "fast-check";

const isAsciiWord = (s: string) => /^[a-z]+$/.test(s);

/** Every non-ASCII code point whose Unicode lower or upper-then-lower case is ASCII letters, with those letters. */
export const LOOK_ALIKES: readonly { char: string; ascii: string }[] = (() => {
  const out: { char: string; ascii: string }[] = [];
  // The BMP and plane 1 (mathematical letters); no higher plane holds a letter that maps to ASCII.
  for (let cp = 0x80; cp <= 0x1ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const char = String.fromCodePoint(cp);
    const forms = [char, char.normalize("NFC"), char.normalize("NFKC")];
    const ascii = forms.flatMap((f) => [f.toLowerCase(), f.toUpperCase().toLowerCase()]).find(isAsciiWord);
    if (ascii) out.push({ char, ascii });
  }
  return out;
})();

const word = fc.string({
  unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789"),
  minLength: 1,
  maxLength: 8,
});
const letters = fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz"), minLength: 2, maxLength: 6 });

/**
 * An ASCII address (`ascii`, lower case) and the same address with one look-alike character in
 * place of the ASCII letters it case-maps to (`lookAlike`), in the local part or the domain.
 */
export const lookAlikeEmail = fc
  .record({
    local: fc.tuple(word, word),
    domain: fc.tuple(word, word),
    tld: letters,
    part: fc.constantFrom("local" as const, "domain" as const),
    look: fc.constantFrom(...LOOK_ALIKES),
  })
  .map(({ local: [l1, l2], domain: [d1, d2], tld, part, look }) => {
    const build = (c: string) => (part === "local" ? `${l1}${c}${l2}@${d1}.${tld}` : `${l1}@${d1}${c}${d2}.${tld}`);
    return { ascii: build(look.ascii), lookAlike: build(look.char), part, char: look.char };
  });
