import { describe, expect, it, vi } from "vitest";
import { checkOutboundUrl, classifyAddress, ResolveError, type GuardDecision } from "./address-guard";
import { isTrustedHost, parseTrustedHosts } from "./trusted-hosts";

// Pure decisions only: every host name goes through an injected resolver and no test here
// opens a connection (TESTING 36), whatever address the name "resolves" to.

const PUBLIC = "93.184.215.14";
const DNS: Record<string, string[]> = {
  "idp.example": [PUBLIC, "2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
  "private.example": ["10.0.0.5"],
  "mixed.example": [PUBLIC, "10.0.0.5"],
  "idp.internal": ["10.20.30.40"],
  "twice.example": [PUBLIC, PUBLIC, "93.184.215.015"],
  "numeric.example": ["2130706433"],
  "junk.example": ["not-an-address"],
  "empty.example": [],
  localhost: ["127.0.0.1", "::1"],
};
const resolve = vi.fn(async (host: string) => {
  const answer = DNS[host];
  if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
  return answer;
});
const check = (url: string, trusted: string[] = []) =>
  checkOutboundUrl(url, { trustedHosts: parseTrustedHosts(trusted), resolve });
const reasonOf = (d: GuardDecision) => (d.ok ? "(allowed)" : d.reason);

const REFUSED: [string, RegExp][] = [
  ["127.0.0.1", /^loopback$/],
  ["127.255.255.254", /^loopback$/],
  ["10.0.0.5", /^private \(RFC 1918\)$/],
  ["172.16.0.1", /^private/],
  ["172.31.255.255", /^private/],
  ["192.168.1.1", /^private/],
  ["169.254.1.1", /^link-local$/],
  ["169.254.169.254", /cloud metadata/],
  ["169.254.170.2", /cloud metadata/],
  ["100.100.100.200", /cloud metadata/],
  ["100.64.0.1", /carrier-grade NAT/],
  ["100.127.255.255", /carrier-grade NAT/],
  ["0.0.0.0", /unspecified/],
  ["224.0.0.1", /multicast/],
  ["239.255.255.250", /multicast/],
  ["255.255.255.255", /broadcast/],
  ["240.0.0.1", /reserved/],
  ["192.0.2.1", /documentation/],
  ["198.51.100.7", /documentation/],
  ["203.0.113.9", /documentation/],
  ["198.18.0.1", /benchmarking/],
  ["192.0.0.8", /IETF/],
  ["::1", /^loopback$/],
  ["::", /unspecified/],
  ["fe80::1", /link-local/],
  ["fc00::1", /unique-local/],
  ["fd12:3456::1", /unique-local/],
  ["fd00:ec2::254", /cloud metadata/],
  ["ff02::1", /multicast/],
  ["fec0::1", /site-local/],
  ["2001:db8::1", /documentation/],
  ["2001:0:4136:e378::1", /Teredo/],
  ["4000::1", /outside global unicast/],
  ["100::1", /outside global unicast/],
  ["::ffff:127.0.0.1", /IPv4-mapped form of 127\.0\.0\.1, which is loopback/],
  ["::ffff:10.0.0.1", /IPv4-mapped form of 10\.0\.0\.1, which is private/],
  ["::ffff:a9fe:a9fe", /IPv4-mapped form of 169\.254\.169\.254, which is the cloud metadata service/],
  ["::127.0.0.1", /IPv4-compatible form of 127\.0\.0\.1, which is loopback/],
  ["::8.8.8.8", /IPv4-compatible form of 8\.8\.8\.8 \(deprecated\)/],
  ["::ffff:0:7f00:1", /IPv4-translated form of 127\.0\.0\.1/],
  ["64:ff9b::10.0.0.1", /NAT64 form of 10\.0\.0\.1, which is private/],
  ["64:ff9b::7f00:1", /NAT64 form of 127\.0\.0\.1, which is loopback/],
  ["64:ff9b:1::1", /local-use NAT64/],
  ["2002:7f00:1::1", /6to4 form of 127\.0\.0\.1, which is loopback/],
  ["2002:c0a8:101::", /6to4 form of 192\.168\.1\.1, which is private/],
];
const SPELLINGS: [string, RegExp][] = [
  ["2130706433", /^loopback$/],
  ["0x7f000001", /^loopback$/],
  ["0177.0.0.1", /^loopback$/],
  ["127.1", /^loopback$/],
  ["[::1]", /^loopback$/],
  ["0:0:0:0:0:ffff:7f00:1", /IPv4-mapped form of 127\.0\.0\.1/],
  ["example.com", /not a valid IP address/],
];
const ALLOWED = [
  "8.8.8.8",
  PUBLIC,
  "172.32.0.1",
  "100.128.0.1",
  "169.255.0.1",
  "2606:4700:4700::1111",
  "2a00:1450:4001::1",
  "::ffff:8.8.8.8",
  "64:ff9b::8.8.8.8",
  "2002:808:808::1",
];

describe("classifyAddress", () => {
  it.each([...REFUSED, ...SPELLINGS])("refuses %s", (ip, range) => expect(classifyAddress(ip)).toMatch(range));
  it.each(ALLOWED)("allows %s", (ip) => expect(classifyAddress(ip)).toBeNull());
});

describe("checkOutboundUrl: addresses a host name resolves to", () => {
  it("allows a public host and returns the checked addresses for pinning", async () => {
    expect(await check("https://idp.example/token")).toMatchObject({
      ok: true,
      trusted: false,
      addresses: DNS["idp.example"],
    });
  });

  it.each(REFUSED)("refuses a name resolving to %s", async (ip, range) => {
    const decision = await checkOutboundUrl("https://h.example/", {
      trustedHosts: [],
      resolve: async () => [PUBLIC, ip],
    });
    expect(decision).toMatchObject({ ok: false, code: "address_not_allowed" });
    expect(reasonOf(decision)).toMatch(/^the address \S+ of h\.example is /);
    expect(reasonOf(decision).replace(/^the address \S+ of h\.example is /, "")).toMatch(range);
  });

  it("refuses a name with one public and one private address, naming the private one", async () => {
    expect(await check("https://mixed.example/")).toEqual({
      ok: false,
      code: "address_not_allowed",
      reason: "the address 10.0.0.5 of mixed.example is private (RFC 1918)",
    });
  });

  it("judges the real address behind a lenient spelling from the resolver", async () => {
    expect(reasonOf(await check("https://numeric.example/"))).toBe(
      "the address 127.0.0.1 of numeric.example is loopback",
    );
    expect(await check("https://twice.example/")).toMatchObject({ ok: true, addresses: [PUBLIC, "93.184.215.13"] });
  });

  it("refuses an answer that is not an IP address, and rejects when DNS has none", async () => {
    expect(reasonOf(await check("https://junk.example/"))).toMatch(
      /resolved to "not-an-address", which is not an IP address/,
    );
    await expect(check("https://empty.example/")).rejects.toBeInstanceOf(ResolveError);
    await expect(check("https://nowhere.example/")).rejects.toMatchObject({
      message: "Could not resolve nowhere.example (ENOTFOUND)",
    });
  });
});

describe("checkOutboundUrl: IP literals in every spelling, never resolved", () => {
  it.each([
    ["https://127.0.0.2/", "the address 127.0.0.2 is loopback"],
    ["https://2130706433/", "the address 127.0.0.1 is loopback"],
    ["https://0x7f000001/", "the address 127.0.0.1 is loopback"],
    ["https://0177.0.0.1/", "the address 127.0.0.1 is loopback"],
    ["https://127.1/", "the address 127.0.0.1 is loopback"],
    ["https://127.0.0.1./", "the address 127.0.0.1 is loopback"],
    ["https://0xa9fea9fe/latest/meta-data", "the address 169.254.169.254 is the cloud metadata service"],
    ["https://012.0.0.5/", "the address 10.0.0.5 is private (RFC 1918)"],
    ["https://[::1]/", "the address ::1 is loopback"],
    ["https://[0:0:0:0:0:0:0:1]/", "the address ::1 is loopback"],
    ["https://[::ffff:127.0.0.1]/", "the address ::ffff:7f00:1 is an IPv4-mapped form of 127.0.0.1, which is loopback"],
    ["https://[::127.0.0.1]/", "the address ::7f00:1 is an IPv4-compatible form of 127.0.0.1, which is loopback"],
    [
      "https://[::ffff:169.254.169.254]/",
      "the address ::ffff:a9fe:a9fe is an IPv4-mapped form of 169.254.169.254, which is the cloud metadata service",
    ],
    [
      "https://[64:ff9b::a00:5]/",
      "the address 64:ff9b::a00:5 is a NAT64 form of 10.0.0.5, which is private (RFC 1918)",
    ],
    [
      "https://[2002:a9fe:a9fe::1]/",
      "the address 2002:a9fe:a9fe::1 is a 6to4 form of 169.254.169.254, which is the cloud metadata service",
    ],
    ["https://[fd00:ec2::254]/", "the address fd00:ec2::254 is the cloud metadata service"],
  ])("%s → %s", async (url, reason) => {
    resolve.mockClear();
    expect(await check(url)).toEqual({ ok: false, code: "address_not_allowed", reason });
    expect(resolve).not.toHaveBeenCalled();
  });

  it("allows a public IP literal over https without asking DNS", async () => {
    resolve.mockClear();
    expect(await check("https://8.8.8.8/")).toMatchObject({ ok: true, addresses: ["8.8.8.8"] });
    expect(resolve).not.toHaveBeenCalled();
  });
});

describe("checkOutboundUrl: scheme, credentials, localhost", () => {
  it.each([
    ["http://idp.example/token", "http:// is allowed only for trusted hosts"],
    ["ftp://idp.example/file", "only https:// URLs are allowed (http:// for trusted hosts), not ftp://"],
    ["file:///etc/passwd", "only https:// URLs are allowed (http:// for trusted hosts), not file://"],
    ["https://user:secret@idp.example/", "URLs with credentials are not allowed"],
    ["https://user@idp.example/", "URLs with credentials are not allowed"],
    ["https://localhost/", "localhost is not allowed unless it is a trusted host"],
    ["https://api.LOCALHOST./", "localhost is not allowed unless it is a trusted host"],
    ["not a url", "the URL is not valid"],
  ])("refuses %s", async (url, reason) => {
    expect(await check(url)).toEqual({ ok: false, code: "address_not_allowed", reason });
  });

  it("refuses credentials even for a trusted host", async () => {
    expect(reasonOf(await check("https://u:p@idp.internal/", ["idp.internal"]))).toBe(
      "URLs with credentials are not allowed",
    );
  });
});

describe("trusted hosts", () => {
  it("lets a trusted host through without range checks, still resolving it for pinning", async () => {
    expect(await check("http://idp.internal:8080/token", ["idp.internal"])).toMatchObject({
      ok: true,
      trusted: true,
      addresses: ["10.20.30.40"],
    });
    expect(await check("https://localhost:3001/", ["localhost"])).toMatchObject({ ok: true, trusted: true });
  });

  it("host:port matches that port only; a bare host, any port", async () => {
    expect(await check("https://idp.internal:8443/", ["idp.internal:8443"])).toMatchObject({ ok: true, trusted: true });
    expect(reasonOf(await check("https://idp.internal:8444/", ["idp.internal:8443"]))).toMatch(
      /10\.20\.30\.40 of idp\.internal is private/,
    );
    expect(reasonOf(await check("https://idp.internal/", ["idp.internal:8443"]))).toMatch(/is private/);
    expect(await check("https://idp.internal:1/", ["IDP.Internal"])).toMatchObject({ ok: true });
  });

  it("compares with the URL's default port when it has none", () => {
    const trusted = parseTrustedHosts(["a.test:443", "b.test:80"]);
    expect(isTrustedHost(new URL("https://a.test/"), trusted)).toBe(true);
    expect(isTrustedHost(new URL("https://a.test:443/"), trusted)).toBe(true);
    expect(isTrustedHost(new URL("http://a.test/"), trusted)).toBe(false);
    expect(isTrustedHost(new URL("http://b.test/"), trusted)).toBe(true);
    expect(isTrustedHost(new URL("https://b.test/"), trusted)).toBe(false);
  });

  it("compares IP literals in one canonical spelling", () => {
    const trusted = parseTrustedHosts(["2130706433:3001", "[0:0::1]:9000", "fd00::1"]);
    expect(trusted).toEqual([
      { host: "127.0.0.1", port: 3001 },
      { host: "::1", port: 9000 },
      { host: "fd00::1", port: null },
    ]);
    expect(isTrustedHost(new URL("http://127.0.0.1:3001/"), trusted)).toBe(true);
    expect(isTrustedHost(new URL("http://0x7f.1:3001/"), trusted)).toBe(true);
    expect(isTrustedHost(new URL("http://127.0.0.2:3001/"), trusted)).toBe(false);
    expect(isTrustedHost(new URL("http://[::1]:9000/"), trusted)).toBe(true);
    expect(isTrustedHost(new URL("http://[fd00:0::1]:5/"), trusted)).toBe(true);
    // A mapped spelling is a different host on the list: trust is granted as written.
    expect(isTrustedHost(new URL("http://[::ffff:127.0.0.1]:3001/"), trusted)).toBe(false);
  });

  it.each([
    "http://idp.internal",
    "idp.internal/path",
    "user@idp.internal",
    "idp.internal:0",
    "idp.internal:70000",
    "idp.internal:abc",
    "[zz::1]:80",
    "1.2.3.4.5",
  ])("throws on the invalid entry %s, naming it", (entry) => {
    expect(() => parseTrustedHosts([entry])).toThrow(`Invalid TRUSTED_HOSTS entry "${entry}"`);
  });
});
