import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./safe-return";

describe("safeReturnPath", () => {
  it.each(["/settings", "/settings/users?page=2", "/sign/abc#doc"])("keeps the relative path %s", (p) => {
    expect(safeReturnPath(p)).toBe(p);
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "evil",
    "/\tevil",
    "/%5Cevil\\x",
    "",
    null,
    undefined,
  ])("refuses %s", (p) => {
    expect(safeReturnPath(p, "/fallback")).toBe("/fallback");
  });
});
