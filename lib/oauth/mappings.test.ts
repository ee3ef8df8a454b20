import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultResourceBody } from "@/e2e/fixtures/oauth2-scenario";
import type { Mapping, ResourceUri } from "./provider-config";
import { asciiLower } from "./email-key";
import { lookAlikeEmail } from "@/lib/testing/look-alike-emails";
import {
  checkFilters,
  evaluateMappings,
  mappingFailures,
  proposedUpdates,
  type FilterOperation,
  type MappingSources,
  type RecipientFilter,
} from "./mappings";
import type { MappingContext, MappingOutcome } from "./types";

// TESTING 26 and the Data Mapping rules of seed 001.

const URI = "https://idp.example.com/me";
const claims = {
  sub: "s-1",
  email: "Olga.Auth@Example.com",
  person_data: { given_name: "Olga" },
  "urn:x.y": { id: 7 },
  roles: ["viewer", "signer"],
};
const sources: MappingSources = { claims, resources: [{ uri: URI, data: defaultResourceBody() }] };
const recipient: MappingContext["recipient"] = {
  email: "oauth-user@example.com",
  firstName: "Olga",
  lastName: "Auth",
  phone: "+43 664 1234567",
  documentIssuedOn: "2024-03-31",
};
const context: MappingContext = { recipient, custom: { "ref-1": "ABC-123" } };

const m = (path: string, field: Mapping["field"], extra: Partial<Mapping> = {}): Mapping => ({
  path,
  mode: "validate",
  respectCase: false,
  field,
  ...extra,
});
const upd = (path: string, field: Mapping["field"]) => m(path, field, { mode: "update" });
const onResource = (mappings: Mapping[], uri = URI): ResourceUri => ({ uri, queryParameter: "bearer", mappings });
/** Evaluates mappings on one resource URI whose JSON is `data`. */
const onData = (data: unknown, mappings: Mapping[], ctx: MappingContext | null = context) =>
  evaluateMappings(
    { claims: null, resources: [{ uri: URI, data }] },
    { jwt: null, resourceUris: [onResource(mappings)] },
    ctx,
  );
const one = (data: unknown, mapping: Mapping, ctx: MappingContext | null = context): MappingOutcome =>
  onData(data, [mapping], ctx)[0]!;

describe("field property paths (TESTING 26)", () => {
  it.each<[string, unknown]>([
    ["id", 42],
    ["user.email", "oauth-user@example.com"],
    ["user:name:first", "Olga"],
    ["user.name:last", "Auth"],
    ["['urn:x.y'].id", 7],
    ["['urn:x.y']:id", 7],
    ["['a.b']", "key-with-dot"],
    ["['a:b']", "key-with-colon"],
    ["list[1].v", 2],
    ["list[0]:v", 1],
  ])("%s on the resource JSON reads %j", (path, value) => {
    expect(one(defaultResourceBody(), m(path, "documentNumber"), null)).toMatchObject({
      found: true,
      value,
      outcome: "shown",
      source: URI,
    });
  });

  it("reads JWT claims too: person_data:given_name, a URN key, an array index", () => {
    const jwt = {
      mappings: [
        m("person_data:given_name", "firstName"),
        m("['urn:x.y'].id", "documentNumber"),
        m("roles[1]", "documentType"),
      ],
    };
    const out = evaluateMappings(sources, { jwt, resourceUris: [] }, null);
    expect(out.map((o) => [o.source, o.value])).toEqual([
      ["jwt", "Olga"],
      ["jwt", 7],
      ["jwt", "signer"],
    ]);
  });

  it.each(["user.middle", "a.b", "list[2].v", "user.email.x", "['urn:x.y'].missing"])(
    "missing %s: Validate fails, Update is skipped",
    (path) => {
      const [validate, update] = onData(defaultResourceBody(), [m(path, "firstName"), upd(path, "firstName")]);
      expect(validate).toMatchObject({
        found: false,
        outcome: "invalid",
        reason: expect.stringMatching(/^no value at /),
      });
      expect(update).toMatchObject({ found: false, outcome: "skipped" });
      expect(one(defaultResourceBody(), m(path, "firstName"), null)).toMatchObject({ found: false, outcome: "shown" });
    },
  );

  it("a hand-made path that does not parse is invalid in every mode, Test connection included", () => {
    for (const ctx of [context, null])
      expect(one({}, upd("a..b", "firstName"), ctx)).toMatchObject({
        outcome: "invalid",
        reason: expect.stringMatching(/invalid field property path/),
      });
  });
});

describe("Validate", () => {
  it.each<[string, Mapping["field"], unknown, boolean, MappingOutcome["outcome"]]>([
    ["other case, respect case off", "firstName", "OLGA", false, "valid"],
    ["other case, respect case on", "firstName", "OLGA", true, "invalid"],
    ["surrounding spaces", "firstName", "  Olga ", true, "valid"],
    ["another name", "firstName", "Olgas", false, "invalid"],
    ["email in another case, even with respect case", "email", "OAuth-User@EXAMPLE.com", true, "valid"],
    ["another email", "email", "other@example.com", false, "invalid"],
    ["phone in 00 form with dashes", "phone", "0043-664-1234567", true, "valid"],
    ["another phone", "phone", "+43 664 1234568", false, "invalid"],
    ["date in dotted form", "documentIssuedOn", "31.03.2024", true, "valid"],
    ["another date", "documentIssuedOn", "2024-03-30", true, "invalid"],
  ])("%s → %s", (_, field, value, respectCase, outcome) => {
    expect(one({ v: value }, m("v", field, { respectCase }))).toMatchObject({ found: true, value, outcome });
  });

  it("compares in Unicode NFC: a decomposed é equals a precomposed one, even respecting case", () => {
    const ctx: MappingContext = { recipient: { lastName: "Jos\u00e9" }, custom: {} };
    expect(one({ v: "Jose\u0301" }, m("v", "lastName", { respectCase: true }), ctx).outcome).toBe("valid");
    expect(one({ v: "JOSE\u0301" }, m("v", "lastName"), ctx).outcome).toBe("valid");
  });

  it("ignoring case folds ß to ss", () => {
    const ctx: MappingContext = { recipient: { lastName: "Straße" }, custom: {} };
    expect(one({ v: "STRASSE" }, m("v", "lastName"), ctx).outcome).toBe("valid");
    expect(one({ v: "STRASSE" }, m("v", "lastName", { respectCase: true }), ctx).outcome).toBe("invalid");
  });

  it("custom fields compare with the sender's value for their reference id", () => {
    expect(one({ v: "abc-123" }, m("v", "custom", { customFieldId: "ref-1" })).outcome).toBe("valid");
    expect(one({ v: "abc-123" }, m("v", "custom", { customFieldId: "ref-1", respectCase: true })).outcome).toBe(
      "invalid",
    );
    expect(one({ v: "ABC-123" }, m("v", "custom", { customFieldId: "ref-2" }))).toMatchObject({
      outcome: "invalid",
      reason: expect.stringMatching(/no expected value for the custom field 'ref-2'/),
    });
  });

  it.each<[string, unknown]>([
    ["null", null],
    ["an object", { first: "Olga" }],
    ["a list", ["Olga"]],
  ])("a value that is %s is invalid", (_, value) => {
    expect(one({ v: value }, m("v", "firstName"))).toMatchObject({ found: true, outcome: "invalid" });
  });

  it("numbers compare by their text; a missing expected value is invalid", () => {
    const ctx: MappingContext = { recipient: { documentNumber: "42" }, custom: {} };
    expect(one(defaultResourceBody(), m("id", "documentNumber"), ctx).outcome).toBe("valid");
    expect(
      one(defaultResourceBody(), m("id", "documentNumber"), { recipient: { documentNumber: "  " }, custom: {} })
        .outcome,
    ).toBe("invalid");
  });

  it("without an ID token or a called resource URI, Validate fails and Update is skipped", () => {
    const provider = {
      jwt: { mappings: [m("email", "email"), upd("given_name", "firstName")] },
      resourceUris: [onResource([m("id", "firstName"), upd("id", "lastName")], "https://other.example/x")],
    };
    const out = evaluateMappings({ claims: null, resources: [] }, provider, context);
    expect(out.map((o) => [o.outcome, o.reason])).toEqual([
      ["invalid", "no ID token was received"],
      ["skipped", "no ID token was received"],
      ["invalid", "the resource URI was not called"],
      ["skipped", "the resource URI was not called"],
    ]);
  });

  it("property: any scalar value validates against itself, in every field but the email and in every case mode", () => {
    const field = fc.constantFrom<Mapping["field"]>(
      "firstName",
      "lastName",
      "phone",
      "documentIssuedOn",
      "documentNumber",
    );
    const value = fc.string({ unit: "binary", minLength: 1 }).filter((s) => s.trim() !== "");
    fc.assert(
      fc.property(field, value, fc.boolean(), (f, v, respectCase) => {
        expect(one({ v }, m("v", f, { respectCase }), { recipient: { [f]: v }, custom: {} }).outcome).toBe("valid");
      }),
    );
  });

  it("property: any address validates against itself as the email, in every case mode", () => {
    const address = fc
      .tuple(fc.string({ unit: fc.constantFrom(..."abcXYZ09_+-.äı"), minLength: 1, maxLength: 10 }), fc.domain())
      .map(([l, d]) => `${l}@${d}`);
    fc.assert(
      fc.property(address, fc.boolean(), (v, respectCase) => {
        expect(one({ v }, m("v", "email", { respectCase }), { recipient: { email: v }, custom: {} }).outcome).toBe(
          "valid",
        );
      }),
    );
  });

  it("property: email addresses compare ignoring ASCII case, whatever respect case says", () => {
    const email = fc
      .tuple(fc.string({ unit: fc.constantFrom(..."abcXYZäéı.-_+0"), minLength: 1 }), fc.domain())
      .map(([local, domain]) => `${local}@${domain}`);
    fc.assert(
      fc.property(email, fc.boolean(), (address, respectCase) => {
        const ctx: MappingContext = { recipient: { email: asciiLower(address) }, custom: {} };
        expect(
          one({ v: address.replace(/[a-z]/g, (c) => c.toUpperCase()) }, m("v", "email", { respectCase }), ctx).outcome,
        ).toBe("valid");
      }),
    );
  });

  it("property: an email differing by a character whose Unicode case is ASCII fails (alıce is not alice)", () => {
    fc.assert(
      fc.property(lookAlikeEmail, ({ lookAlike, ascii }) => {
        const ctx: MappingContext = { recipient: { email: ascii }, custom: {} };
        expect(one({ v: lookAlike }, m("v", "email"), ctx)).toMatchObject({ outcome: "invalid" });
      }),
    );
  });

  it('an email the IdP marks unverified (false or "false") fails the Validate mapping and says so; Test connection says so too', () => {
    for (const verified of [false, "false", "FALSE", 0, "no"]) {
      const out = one({ v: "oauth-user@example.com", email_verified: verified }, m("v", "email"));
      expect(out).toMatchObject({
        outcome: "invalid",
        reason: "the value at v: the identity provider says this email is not verified",
      });
      expect(one({ v: "oauth-user@example.com", email_verified: verified }, m("v", "email"), null)).toMatchObject({
        outcome: "shown",
        reason: "the identity provider says this email is not verified: Validate would fail",
      });
    }
    for (const verified of [true, "true", null, undefined])
      expect(one({ v: "oauth-user@example.com", email_verified: verified }, m("v", "email")).outcome).toBe("valid");
    // Only the email is disowned: another field of the same document still validates.
    expect(one({ v: "Olga", email_verified: false }, m("v", "firstName")).outcome).toBe("valid");
    // In the ID token's claims, the JWT's mappings.
    const jwt = evaluateMappings(
      { claims: { email: "oauth-user@example.com", email_verified: false }, resources: [] },
      { jwt: { mappings: [m("email", "email")] }, resourceUris: [] },
      context,
    );
    expect(mappingFailures(jwt).map((o) => o.reason)).toEqual([
      "the value at email: the identity provider says this email is not verified",
    ]);
  });
});

describe("Update", () => {
  it.each<[Mapping["field"], unknown, string]>([
    ["firstName", "Jean-Luc Ö'Brien", "Jean-Luc Ö'Brien"],
    ["lastName", "  Müller-Lüdenscheidt ", "Müller-Lüdenscheidt"],
    ["documentNumber", 123456, "123456"],
    ["documentNumber", "AB/12#34", "AB/12#34"],
    ["phone", "+43 664 1234567", "+436641234567"],
    ["phone", "0043-664-123-4567", "+436641234567"],
    ["certificatePhone", "+1 202 555 0143", "+12025550143"],
    ["documentIssuedOn", "2024-03-31", "2024-03-31"],
    ["documentIssuedOn", "2024-03-31T23:30:00-05:00", "2024-03-31"],
    ["documentIssuedOn", "20240229", "2024-02-29"],
    ["documentExpiryDate", "1.3.2030", "2030-03-01"],
    ["documentExpiryDate", "2030/12/31", "2030-12-31"],
  ])("%s from %j → %j", (field, value, normalised) => {
    expect(one({ v: value }, upd("v", field))).toMatchObject({ found: true, outcome: "update", value: normalised });
  });

  it.each<[Mapping["field"], unknown, RegExp]>([
    ["phone", "0664 1234567", /not an international phone number/],
    ["phone", "+43 (0) 664 1234567", /not an international phone number/],
    ["phone", "+0 664 1234567", /not an international phone number/],
    ["phone", "+43 66", /not an international phone number/],
    ["phone", "+43 664 1234567 8901234", /not an international phone number/],
    ["phone", "+43--664", /not an international phone number/],
    ["certificatePhone", 436641234567, /not an international phone number/],
    ["documentIssuedOn", "2023-02-29", /not a date/],
    ["documentIssuedOn", "2024-13-01", /not a date/],
    ["documentIssuedOn", "31/03/2024", /not a date/],
    ["documentIssuedOn", "03/31/2024", /not a date/],
    ["documentIssuedOn", "31.03.24", /not a date/],
    ["documentExpiryDate", "next year", /not a date/],
    ["documentExpiryDate", 1711843200, /not a date/],
    ["firstName", "Olga\nAuth", /control characters/],
    ["firstName", "x".repeat(257), /longer than 256/],
    ["firstName", true, /not text/],
    ["firstName", { first: "Olga" }, /is an object/],
  ])("%s from %j is invalid", (field, value, reason) => {
    expect(one({ v: value }, upd("v", field))).toMatchObject({
      found: true,
      outcome: "invalid",
      reason: expect.stringMatching(reason),
    });
  });

  it.each([null, "", "   "])("an empty value (%j) is skipped, not written", (value) => {
    expect(one({ v: value }, upd("v", "lastName")).outcome).toBe("skipped");
  });

  it("never updates the email address or a custom field, even when the configuration asks", () => {
    const out = onData({ v: "x@example.com" }, [upd("v", "email"), { ...upd("v", "custom"), customFieldId: "ref-1" }]);
    expect(out.map((o) => [o.outcome, o.reason])).toEqual([
      ["invalid", "the email address can never be updated"],
      ["invalid", "the custom field 'ref-1' cannot be updated"],
    ]);
    expect(proposedUpdates(out)).toEqual({});
  });

  it("Test connection shows what an update would do", () => {
    expect(one({ v: "0043 664 1234567" }, upd("v", "phone"), null)).toMatchObject({
      outcome: "shown",
      value: "0043 664 1234567",
      reason: 'would update the recipient phonenumber to "+436641234567"',
    });
    expect(one({ v: "0664" }, upd("v", "phone"), null)).toMatchObject({
      outcome: "shown",
      reason: expect.stringMatching(/not an international phone number.*Update would be invalid/),
    });
  });

  it("proposedUpdates: the last update of a field wins (resource URIs after the JWT); mappingFailures: the invalid ones", () => {
    const provider = {
      jwt: { mappings: [upd("person_data.given_name", "firstName"), upd("email", "lastName")] },
      resourceUris: [
        onResource([
          upd("user.name.first", "firstName"),
          m("user.email", "email"),
          upd("user.phone", "phone"),
          upd("user.name.last", "phone"),
        ]),
      ],
    };
    const out = evaluateMappings(
      {
        claims: { ...claims, person_data: { given_name: "Jwt" } },
        resources: [
          { uri: URI, data: { user: { email: "OAUTH-user@example.com", name: { first: "Resource", last: "Auth" } } } },
        ],
      },
      provider,
      context,
    );
    expect(out.map((o) => o.outcome)).toEqual(["update", "update", "update", "valid", "skipped", "invalid"]);
    expect(proposedUpdates(out)).toEqual({ firstName: "Resource", lastName: "Olga.Auth@Example.com" });
    expect(mappingFailures(out)).toEqual([out[5]]);
  });

  it("property: phone numbers normalise to +digits however they are written", () => {
    const digits = fc
      .tuple(fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 7, maxLength: 14 }))
      .map(([d, ds]) => [d, ...ds].join(""));
    fc.assert(
      fc.property(digits, fc.constantFrom("+", "00"), fc.array(fc.constantFrom("", " ", "-")), (d, prefix, seps) => {
        const written = prefix + [...d].map((c, i) => (i > 0 ? (seps[i] ?? "") : "") + c).join("");
        expect(one({ v: written }, upd("v", "phone"))).toMatchObject({ outcome: "update", value: `+${d}` });
      }),
    );
  });

  it("property: a calendar date parses to itself in every accepted form, and never to another day", () => {
    const day = fc.date({
      min: new Date("1900-01-01T00:00:00Z"),
      max: new Date("2199-12-31T00:00:00Z"),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(day, (d) => {
        const iso = d.toISOString().slice(0, 10);
        const [y, mo, da] = iso.split("-");
        for (const written of [
          iso,
          `${iso}T12:00:00Z`,
          `${y}${mo}${da}`,
          `${y}/${mo}/${da}`,
          `${da}.${mo}.${y}`,
          `${Number(da)}.${Number(mo)}.${y}`,
        ]) {
          expect(one({ v: written }, upd("v", "documentExpiryDate")).value).toBe(iso);
        }
      }),
    );
  });
});

describe("filters", () => {
  const values = { email: "Olga.Auth@Example.com", firstName: "Olga", lastName: null };
  const f = (field: string, operation: FilterOperation, value: string): RecipientFilter => ({
    field,
    operation,
    value,
  });
  const verified = { emailUnverified: false };
  const passes = (filter: RecipientFilter, v: Record<string, string | null> = values) =>
    checkFilters([filter], v, verified).ok;

  it.each<[RecipientFilter, boolean]>([
    [f("Email", "Equals", "olga.auth@example.COM"), true], // the API spells the field "Email"
    [f("email", "Equals", " olga.auth@example.com "), true],
    [f("email", "Equals", "other@example.com"), false],
    [f("email", "NotEquals", "OLGA.AUTH@EXAMPLE.COM"), false],
    [f("email", "EndsWith", "@EXAMPLE.com"), true],
    [f("email", "Matches", "*@example.com"), true],
    [f("email", "Matches", "*@example.co"), false],
    [f("firstName", "Equals", "Olga"), true],
    [f("firstName", "Equals", "olga"), false],
    [f("firstName", "EqualsIgnoreCase", "olga"), true],
    [f("firstName", "NotEquals", "olga"), true],
    [f("firstName", "NotEqualsIgnoreCase", "olga"), false],
    [f("firstName", "Contains", "lg"), true],
    [f("firstName", "Contains", "LG"), false],
    [f("firstName", "ContainsIgnoreCase", "LG"), true],
    [f("firstName", "StartsWith", "Ol"), true],
    [f("firstName", "StartsWith", "ol"), false],
    [f("firstName", "StartsWithIgnoreCase", "ol"), true],
    [f("firstName", "EndsWith", "ga"), true],
    [f("firstName", "EndsWithIgnoreCase", "GA"), true],
    [f("firstName", "Matches", "?lg*"), true],
    [f("firstName", "Matches", "?LG*"), false],
    [f("firstName", "MatchesIgnoreCase", "?LG*"), true],
    [f("firstName", "Matches", "O?a"), false],
  ])("%j → %s", (filter, expected) => {
    expect(passes(filter)).toBe(expected);
  });

  it("fails closed on a missing value (NotEquals too) and on an unknown operation", () => {
    const check = checkFilters(
      [f("lastName", "NotEquals", "x"), f("phone", "Equals", "+43"), f("firstName", "Like" as FilterOperation, "Olga")],
      values,
      verified,
    );
    expect(check.ok).toBe(false);
    expect(check.results.map((r) => [r.passed, r.reason])).toEqual([
      [false, "the identity provider gave no lastName"],
      [false, "the identity provider gave no phone"],
      [false, 'unknown compare operation "Like"'],
    ]);
  });

  it("every filter must hold; none holds trivially", () => {
    expect(checkFilters([], values, verified).ok).toBe(true);
    expect(
      checkFilters([f("email", "EndsWith", "@example.com"), f("firstName", "Equals", "Olga")], values, verified).ok,
    ).toBe(true);
    expect(
      checkFilters([f("email", "EndsWith", "@example.com"), f("firstName", "Equals", "Anna")], values, verified).ok,
    ).toBe(false);
  });

  it("a hostile wildcard pattern takes no noticeable time (no regular expressions)", () => {
    const start = performance.now();
    expect(passes(f("firstName", "Matches", `${"*a".repeat(400)}b`), { firstName: "a".repeat(1000) })).toBe(false);
    expect(performance.now() - start).toBeLessThan(1_000);
  });

  it("property: Matches agrees with a regular-expression oracle on small inputs", () => {
    // Prefixed with x: an empty value fails every filter.
    const toRegex = (pattern: string) =>
      new RegExp(`^${Array.from(pattern, (c) => (c === "*" ? ".*" : c === "?" ? "." : c)).join("")}$`, "su");
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", "b", "é", "😀"), maxLength: 8 }),
        fc.string({ unit: fc.constantFrom("a", "b", "é", "😀", "*", "?"), maxLength: 6 }),
        (text, pattern) => {
          expect(passes(f("firstName", "Matches", `x${pattern}`), { firstName: `x${text}` })).toBe(
            toRegex(`x${pattern}`).test(`x${text}`),
          );
        },
      ),
    );
  });

  it("property: email filters ignore ASCII case, other fields respect it", () => {
    const word = fc.string({ unit: fc.constantFrom(..."abcXYZäÖ"), minLength: 1 });
    fc.assert(
      fc.property(word, (w) => {
        const upper = w.replace(/[a-z]/g, (c) => c.toUpperCase());
        expect(passes(f("email", "Equals", `${upper}@EXAMPLE.com`), { email: `${asciiLower(w)}@example.com` })).toBe(
          true,
        );
        expect(passes(f("firstName", "Equals", w.toUpperCase()), { firstName: w.toLowerCase() })).toBe(
          w.toUpperCase() === w.toLowerCase(),
        );
      }),
    );
  });

  it("property: an email with a character whose Unicode case is ASCII passes no Email filter meant for the ASCII address, IgnoreCase or not", () => {
    const operation = fc.constantFrom<FilterOperation>(
      "Equals",
      "EqualsIgnoreCase",
      "StartsWith",
      "StartsWithIgnoreCase",
      "EndsWith",
      "EndsWithIgnoreCase",
      "Matches",
      "MatchesIgnoreCase",
    );
    fc.assert(
      fc.property(lookAlikeEmail, operation, ({ lookAlike, ascii, part }, op) => {
        // The filter value is the part of the ASCII address the look-alike character sits in (its whole self for Equals/Matches).
        const value =
          op.startsWith("Equals") || op.startsWith("Matches")
            ? ascii
            : op.startsWith("StartsWith")
              ? ascii.slice(0, ascii.indexOf("@") + 1)
              : ascii.slice(ascii.indexOf("@"));
        if ((op.startsWith("StartsWith") && part === "domain") || (op.startsWith("EndsWith") && part === "local"))
          return; // the look-alike is outside what the filter reads
        expect(passes(f("Email", op, value), { email: lookAlike })).toBe(false);
        // While the very same filter passes the ASCII address itself in another ASCII case.
        expect(passes(f("Email", op, value.toUpperCase()), { email: ascii })).toBe(true);
      }),
    );
  });

  it("the issue's cases: dotless ı, the Kelvin sign, IDNA domains both ways", () => {
    expect(passes(f("Email", "Equals", "alice@example.com"), { email: "al\u0131ce@example.com" })).toBe(false);
    expect(passes(f("Email", "EqualsIgnoreCase", "ALICE@EXAMPLE.COM"), { email: "al\u0131ce@example.com" })).toBe(
      false,
    );
    expect(passes(f("Email", "EndsWith", "@kontoso.com"), { email: "kim@\u212Aontoso.com" })).toBe(false);
    expect(passes(f("Email", "EndsWithIgnoreCase", "@kontoso.com"), { email: "kim@\u212Aontoso.com" })).toBe(false);
    expect(passes(f("Email", "Equals", "kim@kontoso.com"), { email: "\u212Aim@kontoso.com" })).toBe(false);
    expect(passes(f("Email", "EndsWith", "@kontoso.com"), { email: "Kim@KONTOSO.com" })).toBe(true);
    expect(passes(f("Email", "EndsWith", "@münchen.de"), { email: "anna@xn--mnchen-3ya.de" })).toBe(true);
    expect(passes(f("Email", "Equals", "anna@xn--mnchen-3ya.de"), { email: "Anna@münchen.DE" })).toBe(true);
    expect(passes(f("Email", "EndsWith", "@münchen.de"), { email: "anna@MÜNCHEN.de" })).toBe(false);
  });

  it("an email the IdP marks unverified fails every Email filter, NotEquals included, and says so; other fields are unaffected", () => {
    const check = checkFilters(
      [
        f("Email", "Equals", "olga.auth@example.com"),
        f("email", "NotEquals", "x@example.com"),
        f("firstName", "Equals", "Olga"),
      ],
      values,
      { emailUnverified: true },
    );
    expect(check.results.map((r) => [r.passed, r.reason ?? null])).toEqual([
      [false, 'Email "Olga.Auth@Example.com": the identity provider says this email is not verified'],
      [false, 'email "Olga.Auth@Example.com": the identity provider says this email is not verified'],
      [true, null],
    ]);
  });
});
