import { domainToASCII } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LOOK_ALIKES, lookAlikeEmail } from "@/lib/testing/look-alike-emails";
import {
  asciiLower,
  domainKey,
  emailKey,
  emailMarkedUnverified,
  emailPatternKey,
  punycodeEncode,
  sameEmail,
} from "./email-key";

// Issue 13 item 8: email comparisons fold ASCII case only, the domain through IDNA to A-labels.

const asciiWord = fc.string({
  unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCXYZ0123456789_+-."),
  minLength: 1,
  maxLength: 10,
});
const asciiEmail = fc.tuple(asciiWord, fc.domain()).map(([local, domain]) => `${local}@${domain}`);
const LOWER_UNICODE = [..."abcdefghijklmnopqrstuvwxyz0123456789-äöüéèßøåæçñαβγδжщыこんにちは中文한국"];
const label = fc
  .string({ unit: fc.constantFrom(...LOWER_UNICODE), minLength: 1, maxLength: 12 })
  .filter((l) => !l.startsWith("-") && !l.endsWith("-") && l.slice(2, 4) !== "--");

describe("asciiLower", () => {
  it("property: changes A-Z to a-z and nothing else", () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.oneof(
            fc.constantFrom("A", "Z", "@", "[", "`", "\u212A", "\u0130", "\u0131", "Ä"),
            fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
          ),
          maxLength: 30,
        }),
        (s) => {
          const oracle = Array.from(s, (c) => (c >= "A" && c <= "Z" ? c.toLowerCase() : c)).join("");
          expect(asciiLower(s)).toBe(oracle);
        },
      ),
    );
  });
});

describe("IDNA", () => {
  it("encodes the RFC 3492 / well-known examples", () => {
    expect(punycodeEncode("münchen")).toBe("mnchen-3ya");
    expect(punycodeEncode("bücher")).toBe("bcher-kva");
    expect(punycodeEncode("ß")).toBe("zca");
    expect(punycodeEncode("他们为什么不说中文")).toBe("ihqwcrb4cv8a8dqg056pqjye");
  });

  it("property: an already-mapped domain's key is node's url.domainToASCII of it", () => {
    fc.assert(
      fc.property(
        fc.array(label, { minLength: 1, maxLength: 3 }),
        fc.constantFrom("de", "com", "xn--p1ai"),
        (labels, tld) => {
          const domain = [...labels, tld].join(".");
          const expected = domainToASCII(domain);
          fc.pre(expected !== ""); // a label IDNA refuses (bidi rules, ...) is no address of anyone's
          expect(domainKey(domain)).toBe(expected);
          expect(emailKey(`Anna@${domain}`)).toBe(`anna@${expected}`);
        },
      ),
    );
  });

  it("a domain IDNA would have to map (Unicode case, compatibility forms, ignored characters) is no domain: its address matches nothing", () => {
    for (const domain of [
      "\u212Aontoso.com",
      "MÜNCHEN.de",
      "ＫＯＮＴＯＳＯ.com",
      "kont\u00ADoso.com",
      "exa\u0131mple.com".replace("\u0131", "\u0130"),
    ]) {
      expect(domainToASCII(domain)).not.toBe(""); // node would accept and map it...
      expect(domainKey(domain)).toBeNull(); // ...we do not
      expect(sameEmail(`kim@${domain}`, `kim@${domainToASCII(domain)}`)).toBe(false);
    }
    expect(domainKey("KONTOSO.Com")).toBe("kontoso.com");
    expect(domainKey("münchen.DE")).toBe("xn--mnchen-3ya.de");
    expect(domainKey("xn--mnchen-3ya.de")).toBe("xn--mnchen-3ya.de");
    for (const broken of [
      "",
      "a..b",
      "example.com.",
      ".example.com",
      "ex%41mple.com",
      "müller@x.de",
      "a b.de",
      "ü/x.de",
    ])
      expect(domainKey(broken)).toBeNull();
  });
});

describe("sameEmail", () => {
  it("property: equal after any change of ASCII case", () => {
    fc.assert(
      fc.property(asciiEmail, fc.array(fc.boolean(), { maxLength: 80 }), (address, flips) => {
        const other = Array.from(address, (c, i) =>
          flips[i] ? (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) : c,
        ).join("");
        fc.pre(/^[\x00-\x7f]*$/.test(other));
        expect(sameEmail(address, other)).toBe(true);
      }),
    );
  });

  it(`property: a non-ASCII character whose Unicode case or normalisation is ASCII (${LOOK_ALIKES.length} of them, e.g. ${LOOK_ALIKES.slice(
    0,
    12,
  )
    .map((l) => l.char)
    .join(" ")}) makes another address`, () => {
    fc.assert(
      fc.property(lookAlikeEmail, ({ ascii, lookAlike }) => {
        expect(sameEmail(lookAlike, ascii)).toBe(false);
        expect(sameEmail(lookAlike, ascii.toUpperCase())).toBe(false);
        // Unicode case folding after NFKC says they are the same: that is the hole.
        const unicodeFold = (s: string) => s.normalize("NFKC").toUpperCase().toLowerCase();
        expect(unicodeFold(lookAlike)).toBe(unicodeFold(ascii));
      }),
    );
  });

  it("the issue's cases", () => {
    expect(sameEmail("al\u0131ce@example.com", "alice@example.com")).toBe(false);
    expect(sameEmail("ALICE@example.com", "alice@EXAMPLE.COM")).toBe(true);
    expect(sameEmail("kim@\u212Aontoso.com", "kim@kontoso.com")).toBe(false);
    expect(sameEmail("anna@münchen.de", "ANNA@xn--mnchen-3ya.DE")).toBe(true);
    expect(sameEmail("not an address", "not an address")).toBe(false);
  });

  it("filter values: ASCII lower case, labels after the last @ to A-labels", () => {
    expect(emailPatternKey(" @münchen.DE ")).toBe("@xn--mnchen-3ya.de");
    expect(emailPatternKey("@MÜNCHEN.de")).toBe("@mÜnchen.de"); // Unicode case stays: it matches no A-label
    expect(emailPatternKey("*@*.münchen.de")).toBe("*@*.xn--mnchen-3ya.de");
    expect(emailPatternKey("ALICE")).toBe("alice");
    expect(emailPatternKey("al\u0131ce@EXAMPLE.com")).toBe("al\u0131ce@example.com");
  });
});

describe("emailMarkedUnverified", () => {
  it.each<[unknown, boolean]>([
    [{ email_verified: false }, true],
    [{ email_verified: "false" }, true],
    [{ email_verified: " FALSE " }, true],
    [{ email_verified: 0 }, true],
    [{ email_verified: "no" }, true],
    [{ email_verified: true }, false],
    [{ email_verified: "true" }, false],
    [{ email_verified: null }, false],
    [{}, false],
    [null, false],
    [[{ email_verified: false }], false],
    [Object.create({ email_verified: false }), false], // inherited is not said
  ])("%j → %s", (document, unverified) => {
    expect(emailMarkedUnverified(document)).toBe(unverified);
  });
});
