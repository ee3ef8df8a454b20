import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkOutboundUrl, classifyAddress, type Resolver } from "./address-guard";
import { parseTrustedHosts } from "./trusted-hosts";

// Issue 8, hostile input (TESTING 36): no spelling of a private, loopback, link-local or
// metadata address gets through the guard, as a URL host or as a DNS answer. Decisions only:
// no connection is opened, the resolver is a function.

type V4Range = { base: number; bits: number; name: RegExp };
const ip4 = (text: string) => text.split(".").reduce((n, o) => n * 256 + Number(o), 0);
const FORBIDDEN_V4: V4Range[] = [
  { base: ip4("127.0.0.0"), bits: 8, name: /loopback/ },
  { base: ip4("10.0.0.0"), bits: 8, name: /private/ },
  { base: ip4("172.16.0.0"), bits: 12, name: /private/ },
  { base: ip4("192.168.0.0"), bits: 16, name: /private/ },
  { base: ip4("169.254.0.0"), bits: 16, name: /link-local|metadata/ },
  { base: ip4("100.64.0.0"), bits: 10, name: /carrier-grade NAT|metadata/ },
  { base: ip4("0.0.0.0"), bits: 8, name: /unspecified/ },
  { base: ip4("224.0.0.0"), bits: 4, name: /multicast/ },
  { base: ip4("240.0.0.0"), bits: 4, name: /reserved|broadcast/ },
];
const METADATA_V4 = ["169.254.169.254", "169.254.170.2", "100.100.100.200"].map(ip4);

const forbiddenV4 = fc.oneof(
  fc
    .constantFrom(...FORBIDDEN_V4)
    .chain((r) => fc.integer({ min: 0, max: 2 ** (32 - r.bits) - 1 }).map((offset) => r.base + offset)),
  fc.constantFrom(...METADATA_V4),
);
// First octets with no special-purpose block anywhere inside them.
const PUBLIC_FIRST = [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 23, 45, 64, 77, 93, 99, 101, 126, 128, 151, 185, 199, 212, 223];
const publicV4 = fc
  .tuple(fc.constantFrom(...PUBLIC_FIRST), fc.integer({ min: 0, max: 2 ** 24 - 1 }))
  .map(([a, rest]) => a * 2 ** 24 + rest);

const octets = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const dotted = (n: number) => octets(n).join(".");
const hex16 = (n: number) => [(n >>> 16).toString(16), (n & 0xffff).toString(16)];
const FULLWIDTH = (s: string) =>
  s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))).replace(/\./g, "\u3002");

/** Every way a URL host can name an IPv4 address: WHATWG turns each into the same address. */
const V4_HOSTS: ((n: number) => string)[] = [
  dotted,
  (n) => String(n),
  (n) => `0x${n.toString(16)}`,
  (n) => `0X${n.toString(16).toUpperCase()}`,
  (n) =>
    octets(n)
      .map((o) => `0${o.toString(8)}`)
      .join("."),
  (n) =>
    octets(n)
      .map((o) => `0x${o.toString(16)}`)
      .join("."),
  (n) => {
    const [a, b] = octets(n);
    return `${a}.${b}.${n & 0xffff}`;
  },
  (n) => `${octets(n)[0]}.${n & 0xffffff}`,
  (n) => `${dotted(n)}.`,
  (n) => dotted(n).replace(/\d/, (d) => `%3${d}`),
  (n) => FULLWIDTH(dotted(n)),
  (n) => `[::ffff:${dotted(n)}]`,
  (n) => `[::FFFF:${hex16(n).join(":")}]`,
  (n) => `[0:0:0:0:0:ffff:${hex16(n).join(":")}]`,
  (n) => `[64:ff9b::${dotted(n)}]`,
  (n) => `[2002:${hex16(n).join(":")}::1]`,
  (n) => `[::${dotted(n)}]`,
];
/** The IPv4 spellings (the rest are IPv6 forms that carry the address). */
const V4_ONLY = V4_HOSTS.slice(0, 11);
/** The forms a DNS answer (or a hostile resolver) may take. */
const V4_ANSWERS: ((n: number) => string)[] = [
  dotted,
  (n) => String(n),
  (n) => `0x${n.toString(16)}`,
  (n) => `::ffff:${dotted(n)}`,
  (n) => `64:ff9b::${dotted(n)}`,
  (n) => `2002:${hex16(n).join(":")}::`,
];

const hextet = fc.integer({ min: 0, max: 0xffff }).map((h) => h.toString(16));
const v6In = (prefix: number, bits: number) =>
  fc
    .array(hextet, { minLength: 7, maxLength: 7 })
    .chain((rest) =>
      fc
        .integer({ min: 0, max: 2 ** (16 - bits) - 1 })
        .map((low) => [((prefix | low) >>> 0).toString(16), ...rest].join(":")),
    );
const forbiddenV6 = fc.oneof(
  v6In(0xfe80, 10), // link-local
  v6In(0xfc00, 7), // unique-local
  v6In(0xff00, 8), // multicast
  v6In(0xfec0, 10), // site-local
  fc.constantFrom("::1", "::", "fd00:ec2::254", "0:0:0:0:0:0:0:1", "::0:1"),
);

const noDns: Resolver = async (host) => {
  throw new Error(`an IP literal must not be resolved (asked for ${host})`);
};
const decide = (url: string, trusted: string[] = [], resolve: Resolver = noDns) =>
  checkOutboundUrl(url, { trustedHosts: parseTrustedHosts(trusted), resolve });

describe("address guard: properties over every spelling", () => {
  it("no spelling of a forbidden IPv4 address passes as a URL host", async () => {
    await fc.assert(
      fc.asyncProperty(
        forbiddenV4,
        fc.constantFrom(...V4_HOSTS),
        fc.constantFrom("", ":443", ":8443"),
        async (n, spell, port) => {
          const url = `https://${spell(n)}${port}/.well-known/openid-configuration`;
          expect(await decide(url), url).toMatchObject({ ok: false, code: "address_not_allowed" });
        },
      ),
      { numRuns: 600 },
    );
  });

  it("no forbidden IPv4 address passes as a DNS answer, alone or after a public one", async () => {
    await fc.assert(
      fc.asyncProperty(
        forbiddenV4,
        fc.constantFrom(...V4_ANSWERS),
        publicV4,
        fc.boolean(),
        async (n, spell, pub, mixed) => {
          const answers = mixed ? [dotted(pub), spell(n)] : [spell(n)];
          expect(await decide("https://idp.example/", [], async () => answers)).toMatchObject({
            ok: false,
            code: "address_not_allowed",
          });
        },
      ),
      { numRuns: 400 },
    );
  });

  it("no link-local, unique-local, multicast, loopback or metadata IPv6 address passes, as host or answer", async () => {
    await fc.assert(
      fc.asyncProperty(forbiddenV6, fc.boolean(), async (ip, upper) => {
        const text = upper ? ip.toUpperCase() : ip;
        expect(classifyAddress(text)).not.toBeNull();
        expect(await decide(`https://[${text}]/`)).toMatchObject({ ok: false });
        expect(await decide("https://idp.example/", [], async () => [text])).toMatchObject({ ok: false });
      }),
      { numRuns: 300 },
    );
  });

  it("the range named is the address's own range, whatever the spelling", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FORBIDDEN_V4),
        fc.nat(),
        fc.constantFrom(...V4_HOSTS.slice(0, 8)),
        (range, r, spell) => {
          const n = range.base + (r % 2 ** (32 - range.bits));
          expect(classifyAddress(spell(n))).toMatch(range.name);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a public address passes in every spelling but the deprecated IPv4-compatible one (the guard is not simply refusing everything)", async () => {
    await fc.assert(
      // V4_HOSTS ends with the IPv4-compatible form (::a.b.c.d), refused for any address.
      fc.asyncProperty(publicV4, fc.constantFrom(...V4_HOSTS.slice(0, -1)), async (n, spell) => {
        // IPv4 spellings check (and pin) the dotted address; mapped and NAT64 forms stay IPv6.
        const decision = await decide(`https://${spell(n)}/`);
        expect(decision).toMatchObject({ ok: true });
        if (V4_ONLY.includes(spell)) expect(decision).toMatchObject({ addresses: [dotted(n)] });
      }),
      { numRuns: 300 },
    );
  });

  // IPv6 forms of a trusted IPv4 host are not the same host to the guard: refused, which is the safe side.
  it("trusting 127.0.0.1:<port> lets that port through in any IPv4 spelling, and no other port or loopback address", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1024, max: 65535 }),
        fc.constantFrom(...V4_ONLY),
        fc.integer({ min: 1, max: 0xffffff }),
        async (port, spell, other) => {
          const trusted = [`127.0.0.1:${port}`];
          const loopback = ip4("127.0.0.1");
          expect(await decide(`http://${spell(loopback)}:${port}/`, trusted)).toMatchObject({
            ok: true,
            trusted: true,
          });
          expect(await decide(`http://${spell(loopback)}:${port === 65535 ? 1024 : port + 1}/`, trusted)).toMatchObject(
            { ok: false },
          );
          expect(
            await decide(
              `https://${spell(ip4("127.0.0.0") + (other % 2 ** 24 === 1 ? 2 : other % 2 ** 24))}:${port}/`,
              trusted,
            ),
          ).toMatchObject({ ok: false });
        },
      ),
      { numRuns: 200 },
    );
  });
});
