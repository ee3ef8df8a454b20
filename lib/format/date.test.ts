import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatTime, formatTimestamp, formatLocal } from "./date";

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

describe("formatLocal: the reader's own locale and time zone", () => {
  const at = "2026-12-02T23:30:05Z";
  it("writes the moment as the reader's locale does, in their zone", () => {
    expect(formatLocal(at, { locale: "en-US", timeZone: "America/New_York" })).toBe("Dec 2, 2026, 06:30 PM");
    expect(formatLocal(at, { locale: "en-GB", timeZone: "Europe/Berlin" })).toBe("3 Dec 2026, 00:30");
  });
  it("names the zone and the seconds where the moment is evidence", () => {
    expect(formatLocal(at, { locale: "en-US", timeZone: "UTC", seconds: true, zone: true })).toBe(
      "Dec 2, 2026, 11:30:05 PM UTC",
    );
  });
  it("writes the day or the time alone, and nothing for no date", () => {
    expect(formatLocal(at, { locale: "en-GB", timeZone: "Asia/Tokyo", dateOnly: true })).toBe("3 Dec 2026");
    expect(formatLocal(at, { locale: "en-GB", timeZone: "Asia/Tokyo", timeOnly: true })).toBe("08:30");
    expect(formatLocal(null)).toBe("");
  });
});
