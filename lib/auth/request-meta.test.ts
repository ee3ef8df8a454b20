import { describe, expect, it } from "vitest";
import { normalizeIp, requestMeta } from "./request-meta";

describe("the client IP recorded as evidence", () => {
  it("keeps valid addresses, shows IPv4-mapped IPv6 as IPv4, and drops anything else", () => {
    expect(normalizeIp("203.0.113.7")).toBe("203.0.113.7");
    expect(normalizeIp(" ::ffff:127.0.0.1 ")).toBe("127.0.0.1");
    expect(normalizeIp("2001:db8::1")).toBe("2001:db8::1");
    expect(normalizeIp("::1")).toBe("::1");
    for (const junk of ["<script>alert(1)</script>", "unknown", "", "1.2.3.4.5", "x".repeat(500), undefined, null]) expect(normalizeIp(junk)).toBeNull();
  });

  it("takes the first X-Forwarded-For hop, else X-Real-IP; the user agent is capped", () => {
    expect(requestMeta(new Headers({ "x-forwarded-for": "198.51.100.2, 10.0.0.1", "user-agent": "u".repeat(1000) }))).toEqual({ ip: "198.51.100.2", userAgent: "u".repeat(400) });
    expect(requestMeta(new Headers({ "x-forwarded-for": "<b>spoof</b>", "x-real-ip": "::ffff:192.0.2.9" })).ip).toBe("192.0.2.9");
    expect(requestMeta(new Headers())).toEqual({ ip: null, userAgent: null });
  });
});
