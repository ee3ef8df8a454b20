import { describe, expect, it } from "vitest";
import { isAlpha2Country, parseCountryCode } from "./country-code";

describe("ISO 3166-1 country codes", () => {
  it("knows assigned alpha-2 codes in capitals only", () => {
    expect(["DE", "AT", "CH", "US", "JP", "XK"].every(isAlpha2Country)).toBe(true);
    expect(["de", "ZZ", "UK", "EU", "DEU", "", " DE"].some(isAlpha2Country)).toBe(false);
  });

  it.each([
    ["DE", "DE"],
    [" de ", "DE"],
    ["DEU", "DE"],
    ["gbr", "GB"],
    ["ZZ", null],
    ["ZZZ", null],
    ["Germany", null],
    ["D", null],
    ["276", null],
  ])("%j → %j", (raw, code) => {
    expect(parseCountryCode(raw)).toBe(code);
  });
});
