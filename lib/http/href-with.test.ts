import { describe, expect, it } from "vitest";
import { hrefWith } from "./href-with";

describe("hrefWith", () => {
  it("starts the query with ? and joins with &, whatever came before", () => {
    expect(hrefWith("/settings/audit", { verify: 1 })).toBe("/settings/audit?verify=1");
    expect(hrefWith("/settings/audit", { actor: "a@b.c", verify: "1" })).toBe("/settings/audit?actor=a%40b.c&verify=1");
  });

  it("leaves out empty values, so a filter submitted with every field empty adds nothing", () => {
    expect(hrefWith("/settings/audit", { from: "", to: "", action: undefined, actor: null })).toBe("/settings/audit");
    expect(hrefWith("/settings/audit", { from: "", verify: "1" })).toBe("/settings/audit?verify=1");
  });

  it("encodes what it carries and repeats a key for a list", () => {
    expect(hrefWith("/login", { returnTo: "/a?b=c&d" })).toBe("/login?returnTo=%2Fa%3Fb%3Dc%26d");
    expect(hrefWith("/x", { k: ["1", "2"] })).toBe("/x?k=1&k=2");
  });
});
