import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { benignReturnPath, HOSTILE_RETURN_PATHS, hostileReturnPath } from "@/lib/testing/hostile-return-paths";
import { safeRedirectUrl, safeReturnPath } from "./safe-return";

const ORIGIN = "https://app.example";

/** What a browser does with a Location: the WHATWG URL parser, relative to the page's origin. */
function expectStaysOnOrigin(result: string) {
  expect(result.startsWith("/")).toBe(true);
  expect(result).not.toMatch(/^\/[/\\]/);
  expect(result).not.toMatch(/[\u0000-\u001f\u007f-\u009f\\]/);
  const resolved = new URL(result, ORIGIN);
  expect(resolved.origin).toBe(ORIGIN);
  // The browser goes exactly where the result says: nothing left for it to normalise into another place.
  expect(`${resolved.pathname}${resolved.search}${resolved.hash}`).toBe(result);
  expect(safeReturnPath(result, "/fallback")).toBe(result);
}

describe("safeReturnPath", () => {
  it.each([
    "/settings",
    "/settings/users?page=2",
    "/sign/abc#doc",
    "/settings/account?x=1",
    "/?next=//not-a-path-here",
    "/a/./b/../c",
  ])("keeps the relative path %s (normalised)", (p) => {
    expect(safeReturnPath(p)).toBe(new URL(p, ORIGIN).pathname + new URL(p, ORIGIN).search + new URL(p, ORIGIN).hash);
  });

  it.each([
    ...HOSTILE_RETURN_PATHS,
    "evil",
    "/%5Cevil\\x",
    "/%E0%A4%A",
    "",
    null,
    undefined,
    42,
    "/" + "a".repeat(2001),
  ])("refuses %j", (p) => {
    expect(safeReturnPath(p, "/fallback")).toBe("/fallback");
  });

  it("refuses the spelling that normalises into `//` (/.//evil), which a check before normalising alone lets through", () => {
    expect(new URL("/.//evil.example/x", ORIGIN).pathname).toBe("//evil.example/x");
    expect(safeReturnPath("/.//evil.example/x", "/fallback")).toBe("/fallback");
    expect(safeReturnPath("/%2e//evil.example/x", "/fallback")).toBe("/fallback");
  });

  it("property: any mix of hostile pieces gives a path a browser resolves to the app's own origin", () => {
    fc.assert(
      fc.property(hostileReturnPath, (target) => {
        expectStaysOnOrigin(safeReturnPath(target));
      }),
      { numRuns: 5000 },
    );
  });

  it("property: a hostile mix inside a benign path stays on the origin too", () => {
    fc.assert(
      fc.property(benignReturnPath, hostileReturnPath, benignReturnPath, (a, hostile, b) => {
        expectStaysOnOrigin(safeReturnPath(`${a}${hostile}${b}`));
      }),
      { numRuns: 3000 },
    );
  });

  it("property: the app's own paths come back unchanged", () => {
    fc.assert(
      fc.property(benignReturnPath, (p) => {
        expect(safeReturnPath(p, "/fallback")).toBe(p);
      }),
    );
  });
});

describe("safeRedirectUrl (next-auth's redirect callback)", () => {
  it.each([
    ["/settings", `${ORIGIN}/settings`],
    [`${ORIGIN}/settings?x=1`, `${ORIGIN}/settings?x=1`],
    [`${ORIGIN}//evil.example/x`, `${ORIGIN}/`],
    [`${ORIGIN}/.//evil.example/x`, `${ORIGIN}/`],
    [`${ORIGIN}.evil.example/x`, `${ORIGIN}/`],
    [`${ORIGIN}@evil.example/x`, `${ORIGIN}/`],
    ["https://evil.example/x", `${ORIGIN}/`],
    ["//evil.example/x", `${ORIGIN}/`],
    ["/\\evil.example", `${ORIGIN}/`],
  ])("%s → %s", (url, expected) => {
    expect(safeRedirectUrl(url, ORIGIN)).toBe(expected);
  });

  it("property: every hostile target stays on the base URL's origin", () => {
    fc.assert(
      fc.property(hostileReturnPath, fc.boolean(), (target, absolute) => {
        const out = safeRedirectUrl(absolute ? `${ORIGIN}${target}` : target, ORIGIN);
        expect(new URL(out).origin).toBe(ORIGIN);
        expectStaysOnOrigin(out.slice(ORIGIN.length));
      }),
      { numRuns: 3000 },
    );
  });
});
