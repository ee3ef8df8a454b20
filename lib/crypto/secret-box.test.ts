import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keyId, needsReseal, open, seal } from "./secret-box";

const key = randomBytes(32);
const other = randomBytes(32);

describe("secret box", () => {
  it("seals and opens, with a fresh nonce each time and no plaintext in the output", () => {
    const a = seal("client-secret-1", key, "provider:1:clientSecret");
    const b = seal("client-secret-1", key, "provider:1:clientSecret");
    expect(a).not.toBe(b);
    expect(a).not.toContain("client-secret-1");
    expect(a.startsWith(`v1.${keyId(key)}.`)).toBe(true);
    expect(open(a, [key], "provider:1:clientSecret")).toBe("client-secret-1");
  });

  it("refuses another row's associated data, a wrong key and a tampered ciphertext", () => {
    const sealed = seal("s3cret", key, "provider:1:clientSecret");
    expect(() => open(sealed, [key], "provider:2:clientSecret")).toThrow();
    expect(() => open(sealed, [other], "provider:1:clientSecret")).toThrow(/not configured/);
    const last = sealed.at(-2) === "A" ? "B" : "A";
    expect(() => open(`${sealed.slice(0, -2)}${last}${sealed.at(-1)}`, [key], "provider:1:clientSecret")).toThrow();
  });

  it("opens with the previous key during a rotation and says it needs resealing", () => {
    const sealed = seal("s3cret", other, "x");
    expect(open(sealed, [key, other], "x")).toBe("s3cret");
    expect(needsReseal(sealed, key)).toBe(true);
    expect(needsReseal(seal("s3cret", key, "x"), key)).toBe(false);
  });
});
