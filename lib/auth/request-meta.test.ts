import { afterEach, describe, expect, it } from "vitest";
import { markPeerHeaderStamped, PEER_HEADER } from "@/lib/net/peer-address";
import { parseTrustedProxies } from "@/lib/net/client-address";
import { normalizeIp, requestMeta } from "./request-meta";

const MARK = Symbol.for("signer-auth.peer-header-stamped");
afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[MARK];
});

describe("the client IP recorded as evidence", () => {
  it("keeps valid addresses, shows IPv4-mapped IPv6 as IPv4, and drops anything else", () => {
    expect(normalizeIp("203.0.113.7")).toBe("203.0.113.7");
    expect(normalizeIp("2001:db8::1")).toBe("2001:db8::1");
    for (const junk of ["<script>alert(1)</script>", "unknown", "", undefined, null])
      expect(normalizeIp(junk)).toBeNull();
  });

  it("is the peer the launcher's server wrote; X-Forwarded-For and X-Real-IP from an untrusted peer are ignored; the user agent is capped", () => {
    markPeerHeaderStamped();
    const headers = new Headers({
      [PEER_HEADER]: "::ffff:192.0.2.9",
      "x-forwarded-for": "198.51.100.2",
      "x-real-ip": "198.51.100.3",
      "user-agent": "u".repeat(1000),
    });
    expect(requestMeta(headers, parseTrustedProxies(""))).toEqual({ ip: "192.0.2.9", userAgent: "u".repeat(400) });
    expect(requestMeta(headers, parseTrustedProxies("192.0.2.0/24")).ip).toBe("198.51.100.2");
  });

  it("believes no peer header in a process the launcher did not start (bare next start/dev): the address is unknown", () => {
    expect(
      requestMeta(
        new Headers({ [PEER_HEADER]: "192.0.2.9", "x-forwarded-for": "198.51.100.2" }),
        parseTrustedProxies(""),
      ),
    ).toEqual({ ip: null, userAgent: null });
  });
});
