import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateClaimPath, formatClaimPath, parseClaimPath, readClaim, type PathSegment } from "./claim-path";

const key = (k: string): PathSegment => ({ kind: "key", key: k });
const index = (i: number): PathSegment => ({ kind: "index", index: i });

const claims = {
  user: { email: "a@b", name: { first: "A" } },
  "urn:x.y": { id: 7 },
  "a.b": 1,
  list: [{ v: 1 }, { v: 2 }],
  address: { country: "DE" },
  person_data: { given_name: "John" },
  "urn:pvpgvat:oidc.bpk": "1234567+",
  roles: ["viewer", "signer"],
  "with space": true,
  "it's": "quoted",
};

describe("parseClaimPath: syntax forms", () => {
  it.each<[string, PathSegment[]]>([
    ["given_name", [key("given_name")]],
    ["validated_data.given_name", [key("validated_data"), key("given_name")]],
    // Seed 000/001: "person_data:given_name" reaches the nested given_name, so ':' separates.
    ["person_data:given_name", [key("person_data"), key("given_name")]],
    ["address:country", [key("address"), key("country")]],
    ["a:b.c", [key("a"), key("b"), key("c")]],
    ["['urn:pvpgvat:oidc.bpk']", [key("urn:pvpgvat:oidc.bpk")]],
    // Seed 000 writes the bracket with inner spaces.
    ["[ 'urn:pvp:oidc.bpk' ]", [key("urn:pvp:oidc.bpk")]],
    ['["a.b"]', [key("a.b")]],
    ["['with space']", [key("with space")]],
    ["['it\\'s']", [key("it's")]],
    ['["say \\"hi\\""]', [key('say "hi"')]],
    ["['back\\\\slash']", [key("back\\slash")]],
    ["['']", [key("")]],
    ["['urn:example:document'].number", [key("urn:example:document"), key("number")]],
    ["a['b.c']:d", [key("a"), key("b.c"), key("d")]],
    ["roles[1]", [key("roles"), index(1)]],
    ["[0]", [index(0)]],
    ["list[0].v", [key("list"), index(0), key("v")]],
    ["m[0][12]", [key("m"), index(0), index(12)]],
    ["m[ 3 ]", [key("m"), index(3)]],
    ["x-request-id.$ref", [key("x-request-id"), key("$ref")]],
    ["prénom.名前", [key("prénom"), key("名前")]],
    ["0", [key("0")]],
  ])("%s", (path, segments) => {
    expect(parseClaimPath(path)).toEqual({ ok: true, segments });
  });
});

describe("parseClaimPath: errors name the column and what was expected", () => {
  it.each<[string, number, string]>([
    ["", 1, "the path is empty"],
    ["a..b", 3, "expected a key after '.'"],
    ["a.", 3, "expected a key after '.'"],
    ["a:", 3, "expected a key after ':'"],
    [".a", 1, "expected a key at the start of the path"],
    ["a.[0]", 3, "a bracket follows a key directly"],
    ["roles[1", 8, "expected a closing ']'"],
    ["['a.b'", 7, "expected a closing ']'"],
    ["['a.b' x]", 8, "expected a closing ']'"],
    ["['abc", 6, "expected a closing ' for the key opened at column 2"],
    ['a["b', 5, 'expected a closing " for the key opened at column 3'],
    ["a[-1]", 3, "expected an array index"],
    ["a[x]", 3, "expected an array index"],
    ["a[]", 3, "expected an array index"],
    ["a[01]", 3, "without leading zeros"],
    ["a[1.5]", 4, "expected a closing ']'"],
    ["a[4294967295]", 3, "at most 4294967294"],
    ["['a']b", 6, "expected '.', ':', '[' or the end of the path"],
    ["a]", 2, "unexpected ']'"],
    ["a'b", 2, "unexpected quote"],
    ["a\\b", 2, "unexpected '\\'"],
    ["a\u0001", 2, "unexpected control character"],
    [" a", 1, "unexpected whitespace"],
    ["a ", 2, "unexpected whitespace"],
    ["a. b", 3, "unexpected whitespace"],
    ["given name", 6, "unexpected whitespace"],
    ["['a\\nb']", 4, "expected \\\\, \\' or \\\" after a backslash"],
    ["a".repeat(501), 501, "at most 500 characters"],
    [Array.from({ length: 33 }, (_, n) => `k${n}`).join("."), 3 * 10 + 4 * 22 + 1, "at most 32 segments"],
  ])("%j → column %i", (path, column, expected) => {
    const result = parseClaimPath(path);
    expect(result).toMatchObject({ ok: false, column });
    if (result.ok) return;
    expect(result.message.startsWith(`path syntax error at column ${column}: `)).toBe(true);
    expect(result.message).toContain(expected);
  });

  it("accepts exactly 500 characters and 32 segments", () => {
    expect(parseClaimPath("a".repeat(500))).toMatchObject({ ok: true });
    expect(parseClaimPath(Array.from({ length: 32 }, () => "k").join("."))).toMatchObject({ ok: true });
    expect(parseClaimPath(Array.from({ length: 33 }, () => "k").join("."))).toMatchObject({ ok: false, column: 65 });
  });
});

describe("evaluateClaimPath", () => {
  const read = (path: string) => readClaim(claims, path);

  it.each<[string, unknown]>([
    ["user.email", "a@b"],
    ["user:name:first", "A"],
    ["user.name", { first: "A" }],
    ["['urn:x.y'].id", 7],
    ["['urn:x.y']:id", 7],
    ["['a.b']", 1],
    ["list[1].v", 2],
    ["list[0]", { v: 1 }],
    ["address:country", "DE"],
    ["person_data:given_name", "John"],
    ["['urn:pvpgvat:oidc.bpk']", "1234567+"],
    ["roles[1]", "signer"],
    ["['with space']", true],
    ["['it\\'s']", "quoted"],
  ])("%s", (path, value) => {
    expect(read(path)).toEqual({ found: true, value });
  });

  it.each<[string, string]>([
    ["nickname", "nickname"],
    ["user.phone", "user.phone"],
    ["user.name.last", "user.name.last"],
    // "a.b" is two segments; the key with a dot needs brackets.
    ["a.b", "a"],
    ["urn:x.y", "urn"],
    ["list[2].v", "list[2]"],
    ["roles[5]", "roles[5]"],
    // A key on an array and an index on an object are not found, however they look.
    ["list.0", "list['0']"],
    ["list.length", "list.length"],
    ["address[0]", "address[0]"],
    ["user.email.length", "user.email.length"],
    ["user.email[0]", "user.email[0]"],
    ["['urn:x.y'].id.more", "['urn:x.y'].id.more"],
  ])("%s is not found at %s", (path, at) => {
    expect(read(path)).toEqual({ found: false, at });
  });

  it("walks a top-level array by index and the root with no segments", () => {
    expect(evaluateClaimPath([["x"]], [index(0), index(0)])).toEqual({ found: true, value: "x" });
    expect(evaluateClaimPath(claims, [])).toEqual({ found: true, value: claims });
    expect(evaluateClaimPath(null, [key("a")])).toEqual({ found: false, at: "a" });
    expect(evaluateClaimPath("text", [index(0)])).toEqual({ found: false, at: "[0]" });
  });

  it("keeps array indexes and object keys apart even when they spell the same", () => {
    const numbered = { "0": "zero", list: ["first"] };
    expect(readClaim(numbered, "[0]")).toEqual({ found: false, at: "[0]" });
    expect(readClaim(numbered, "['0']")).toEqual({ found: true, value: "zero" });
    expect(readClaim(numbered, "list['0']")).toEqual({ found: false, at: "list['0']" });
    expect(readClaim(numbered, "list[0]")).toEqual({ found: true, value: "first" });
  });

  it("skips holes in sparse arrays", () => {
    const sparse: unknown[] = [];
    sparse[2] = "x";
    expect(evaluateClaimPath(sparse, [index(1)])).toEqual({ found: false, at: "[1]" });
    expect(evaluateClaimPath(sparse, [index(2)])).toEqual({ found: true, value: "x" });
  });

  it.each([
    "__proto__",
    "constructor",
    "toString",
    "hasOwnProperty",
    "constructor.name",
    "__proto__.constructor",
    "valueOf",
  ])("never resolves the inherited %s", (path) => {
    expect(read(path).found).toBe(false);
    expect(readClaim({ user: {} }, `user.${path}`).found).toBe(false);
    expect(readClaim([1], `[0].${path}`).found).toBe(false);
  });

  it("resolves __proto__ and constructor when the IdP really sent them", () => {
    const sent = JSON.parse('{"__proto__": {"admin": true}, "constructor": "c"}') as unknown;
    expect(readClaim(sent, "__proto__.admin")).toEqual({ found: true, value: true });
    expect(readClaim(sent, "constructor")).toEqual({ found: true, value: "c" });
    expect(readClaim({}, "admin").found).toBe(false);
  });

  it("does not run getters", () => {
    let ran = false;
    const tricky = Object.defineProperty({}, "x", {
      enumerable: true,
      get: () => {
        ran = true;
        return 1;
      },
    });
    expect(evaluateClaimPath(tricky, [key("x")]).found).toBe(false);
    expect(ran).toBe(false);
  });
});

describe("readClaim", () => {
  it("throws on a syntax error, naming the path and the column", () => {
    expect(() => readClaim(claims, "user..email")).toThrow(/"user\.\.email".*column 6: expected a key after '\.'/);
    expect(() => readClaim(claims, "")).toThrow(/column 1/);
  });
});

describe("formatClaimPath", () => {
  it.each<[PathSegment[], string]>([
    [[key("user"), key("email")], "user.email"],
    [[key("urn:x.y"), key("id")], "['urn:x.y'].id"],
    [[key("list"), index(0), key("v")], "list[0].v"],
    [[index(3)], "[3]"],
    [[key("it's"), key("a\\b")], "['it\\'s']['a\\\\b']"],
    [[key(""), key("0"), key("with space"), key("é")], "['']['0']['with space']['é']"],
  ])("%j → %s", (segments, path) => {
    expect(formatClaimPath(segments)).toBe(path);
  });

  it.each<[string, PathSegment[]]>([
    ["empty", []],
    ["negative index", [key("a"), index(-1)]],
    ["fractional index", [index(1.5)]],
    ["too many segments", Array.from({ length: 33 }, () => key("k"))],
    ["too long", [key("k".repeat(501))]],
  ])("refuses a path it could not parse back: %s", (_, segments) => {
    expect(() => formatClaimPath(segments)).toThrow(RangeError);
  });
});

describe("properties", () => {
  const segment: fc.Arbitrary<PathSegment> = fc.oneof(
    fc.string({ unit: "binary", maxLength: 16 }).map(key),
    fc.constantFrom(".", ":", "[", "]", "'", '"', "\\", " ", "['a']", "a.b", "__proto__").map(key),
    fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/).map(key),
    fc.nat({ max: 2 ** 32 - 2 }).map(index),
  );

  it("format → parse gives back the same segments", () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 12 }), (segments) => {
        expect(parseClaimPath(formatClaimPath(segments))).toEqual({ ok: true, segments });
      }),
      { numRuns: 1000 },
    );
  });

  it("parse → format → parse is stable for any accepted input", () => {
    const pathish = fc
      .array(fc.constantFrom("a", "b", ".", ":", "[", "]", "'", '"', "\\", " ", "0", "1", "é"), { maxLength: 20 })
      .map((cs) => cs.join(""));
    fc.assert(
      fc.property(pathish, (path) => {
        const parsed = parseClaimPath(path);
        if (!parsed.ok) return;
        expect(parseClaimPath(formatClaimPath(parsed.segments))).toEqual(parsed);
      }),
      { numRuns: 2000 },
    );
  });

  it("parse never throws and reports a column inside the path", () => {
    const arbitraryPath = fc.oneof(
      fc.string({ unit: "binary", maxLength: 40 }),
      fc
        .array(fc.constantFrom("a", ".", ":", "[", "]", "'", '"', "\\", " ", "0", "-", "x"), { maxLength: 40 })
        .map((cs) => cs.join("")),
      fc.string({ maxLength: 600 }),
    );
    fc.assert(
      fc.property(arbitraryPath, (path) => {
        const result = parseClaimPath(path);
        if (result.ok) {
          expect(result.segments.length).toBeGreaterThan(0);
          return;
        }
        expect(result.column).toBeGreaterThanOrEqual(1);
        expect(result.column).toBeLessThanOrEqual(path.length + 1);
        expect(result.message).toMatch(new RegExp(`^path syntax error at column ${result.column}: `));
      }),
      { numRuns: 3000 },
    );
  });

  it("a formatted path reads back the value it was formatted for", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: "binary", maxLength: 8 }), { minLength: 1, maxLength: 8 }),
        fc.anything(),
        (keys, leaf) => {
          const doc = keys.reduceRight<unknown>(
            (inner, k) => JSON.parse(`{${JSON.stringify(k)}:${JSON.stringify(inner) ?? "null"}}`),
            leaf,
          );
          const expected = JSON.parse(JSON.stringify(leaf) ?? "null") as unknown;
          expect(readClaim(doc, formatClaimPath(keys.map(key)))).toEqual({ found: true, value: expected });
        },
      ),
    );
  });
  // Issue 8, hostile input: whatever an IdP sends and whatever an admin types, evaluation answers.
  it("evaluation on arbitrary values (holes, null prototypes, getters' absence, typed arrays, maps) never throws", () => {
    const anyValue = fc.anything({
      maxDepth: 4,
      withNullPrototype: true,
      withMap: true,
      withSet: true,
      withSparseArray: true,
      withTypedArray: true,
      withBoxedValues: true,
      withObjectString: true,
      withBigInt: true,
      withDate: true,
    });
    const anyPath = fc.oneof(
      fc.string({ unit: "binary", maxLength: 30 }),
      fc.constantFrom("__proto__", "constructor.prototype", "[0].length", "a['__proto__'].b", "toString"),
    );
    fc.assert(
      fc.property(anyValue, anyPath, (value, path) => {
        const parsed = parseClaimPath(path);
        if (!parsed.ok) {
          expect(() => readClaim(value, path)).toThrow(/Invalid claim path/);
          return;
        }
        const result = evaluateClaimPath(value, parsed.segments);
        if (result.found) return;
        // "at" names a prefix of the path, in the canonical spelling that parses back.
        const at = parseClaimPath(result.at);
        expect(at.ok && at.segments).toEqual(parsed.segments.slice(0, at.ok ? at.segments.length : 0));
      }),
      { numRuns: 1500 },
    );
  });

  it("a found value is an own data property at every step, never something inherited", () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 4 }),
        fc.array(
          fc.oneof(fc.constantFrom("__proto__", "constructor", "toString", "length", "0"), fc.string({ maxLength: 3 })),
          { minLength: 1, maxLength: 4 },
        ),
        (doc, keys) => {
          const result = evaluateClaimPath(doc, keys.map(key));
          if (!result.found) return;
          let current: unknown = doc;
          for (const k of keys) {
            expect(
              current !== null && typeof current === "object" && !Array.isArray(current) && Object.hasOwn(current, k),
            ).toBe(true);
            current = (current as Record<string, unknown>)[k];
          }
          expect(result.value).toBe(current);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("parse never throws on arbitrary text in any unit (graphemes, surrogate halves)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "grapheme", maxLength: 60 }),
          fc.string({ unit: "binary-ascii", maxLength: 60 }),
          fc.string({ unit: fc.constantFrom("\ud800", "\udfff", "[", "'", "\\", "]"), maxLength: 20 }),
        ),
        (path) => {
          const result = parseClaimPath(path);
          expect(result.ok || (result.column >= 1 && result.column <= path.length + 1)).toBe(true);
        },
      ),
      { numRuns: 1500 },
    );
  });
});
