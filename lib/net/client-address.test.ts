import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clientAddress, normalizeIp, parseTrustedProxies } from "./client-address";

const none = parseTrustedProxies("");
const proxies = parseTrustedProxies("10.0.0.0/8, 192.0.2.1, 2001:db8:ffff::/48");

const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join("."));
// Public-looking addresses outside the trusted ranges above (198.51.100.0/24, 203.0.113.0/24).
const untrusted = fc.tuple(fc.constantFrom("198.51.100", "203.0.113"), fc.nat(255)).map(([n, h]) => `${n}.${h}`);
const trustedHop = fc.oneof(
  fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => `10.${p.join(".")}`),
  fc.constant("192.0.2.1"),
  fc.constant("2001:db8:ffff:1::7"),
);
const anyHop = fc.oneof(ipv4, untrusted, fc.string(), fc.constant("unknown"), fc.constant("<b>x</b>"));

describe("TRUSTED_PROXIES", () => {
  it("takes addresses and CIDR ranges, and names the entry it cannot read", () => {
    expect(parseTrustedProxies(" 10.0.0.0/8 ,, ::1 ")).toHaveLength(2);
    expect(() => parseTrustedProxies("10.0.0.0/8, proxy.example")).toThrow("'proxy.example'");
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow("'10.0.0.0/33'");
  });
});

describe("the client address", () => {
  it("is the socket peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    fc.assert(
      fc.property(
        untrusted,
        fc.array(anyHop, { maxLength: 6 }),
        (peer, hops) => clientAddress(peer, hops.join(", "), none) === peer,
      ),
    );
    fc.assert(
      fc.property(
        untrusted,
        fc.array(anyHop, { maxLength: 6 }),
        (peer, hops) => clientAddress(peer, hops.join(", "), proxies) === peer,
      ),
    );
  });

  it("behind trusted proxies is the first untrusted hop from the right; what the client wrote left of it never counts", () => {
    fc.assert(
      fc.property(
        fc.array(anyHop, { maxLength: 5 }),
        untrusted,
        fc.array(trustedHop, { maxLength: 4 }),
        trustedHop,
        (forged, client, chain, peer) => {
          const header = [...forged, client, ...chain].join(", ");
          expect(clientAddress(peer, header, proxies)).toBe(client);
        },
      ),
    );
  });

  it("reads hops with ports and brackets; a hop that is not an address stops at the last trusted one", () => {
    expect(clientAddress("10.0.0.5", "198.51.100.4:5555", proxies)).toBe("198.51.100.4");
    expect(clientAddress("10.0.0.5", "[2001:db8::9]:443", proxies)).toBe("2001:db8::9");
    expect(clientAddress("10.0.0.5", "198.51.100.4, garbage, 10.1.1.1", proxies)).toBe("10.1.1.1");
    expect(clientAddress("10.0.0.5", null, proxies)).toBe("10.0.0.5");
    expect(clientAddress("::ffff:10.0.0.5", "203.0.113.8", proxies)).toBe("203.0.113.8");
    expect(clientAddress(null, "203.0.113.8", proxies)).toBeNull();
  });

  it("normalises what it records: IPv4-mapped IPv6 as IPv4, junk dropped", () => {
    expect(normalizeIp(" ::ffff:127.0.0.1 ")).toBe("127.0.0.1");
    for (const junk of ["<script>", "unknown", "", "1.2.3.4.5", "x".repeat(500), undefined, null])
      expect(normalizeIp(junk)).toBeNull();
  });
});
