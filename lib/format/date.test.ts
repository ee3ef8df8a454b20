import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatTime, formatTimestamp } from "./date";

describe("the one date format", () => {
  const at = new Date("2026-12-02T13:44:05.678Z");

  it("writes dates in ISO order with the zone, from a Date, an ISO string or epoch milliseconds", () => {
    for (const value of [at, at.toISOString(), at.getTime(), "2026-12-02T14:44:05.678+01:00"]) {
      expect(formatDateTime(value)).toBe("2026-12-02 13:44 UTC");
      expect(formatTimestamp(value)).toBe("2026-12-02 13:44:05 UTC");
      expect(formatDate(value)).toBe("2026-12-02");
      expect(formatTime(value)).toBe("13:44 UTC");
    }
  });

  it("does not depend on the process's time zone or locale", () => {
    // Around midnight UTC a local-time formatter would move the day.
    expect(formatDateTime("2026-12-31T23:59:00Z")).toBe("2026-12-31 23:59 UTC");
    expect(formatDate("2027-01-01T00:00:00Z")).toBe("2027-01-01");
  });

  it("writes nothing for no date or an invalid one (never 'Invalid Date' or 1970)", () => {
    for (const value of [null, undefined, "", "not a date", Number.NaN]) {
      expect(formatDateTime(value)).toBe("");
      expect(formatTimestamp(value)).toBe("");
      expect(formatDate(value)).toBe("");
      expect(formatTime(value)).toBe("");
    }
  });
});
