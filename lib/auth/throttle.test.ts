import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clientKey, delayAfter, MAX_DELAY_SECONDS, throttleKeys } from "./throttle";

describe("the wait schedule", () => {
  it("lets the first failures through, then waits 1 s, 2 s, 4 s, … up to 15 minutes", () => {
    expect([1, 2, 3, 4].map((n) => delayAfter(n, 5))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 14, 15, 16, 1000].map((n) => delayAfter(n, 5))).toEqual([
      1, 2, 4, 8, 16, 512, 900, 900, 900,
    ]);
  });

  it("never shrinks with another failure, and never exceeds the cap", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 100 }), (n, free) => {
        const d = delayAfter(n, free);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(MAX_DELAY_SECONDS);
        expect(delayAfter(n + 1, free)).toBeGreaterThanOrEqual(d);
        expect(d === 0).toBe(n < free);
      }),
    );
  });
});

describe("the client a counter is kept for", () => {
  it("is the IPv4 address, the IPv6 /64, or one shared 'unknown'", () => {
    expect(clientKey("203.0.113.7")).toBe("203.0.113.7");
    expect(clientKey("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:db8:1:2::ffff")).toBe(clientKey("2001:db8:1:2:aaaa::1"));
    expect(clientKey(null)).toBe("unknown");
    expect(throttleKeys(" Alice@Example.COM ", "2001:db8:1:2::9")).toEqual({
      accountFromAddress: "account:alice@example.com from:2001:db8:1:2::/64",
      address: "from:2001:db8:1:2::/64",
    });
    expect(throttleKeys("a@b.c", null)).toEqual({ accountFromAddress: "account:a@b.c from:unknown", address: null });
  });
});
