import { describe, expect, it } from "vitest";
import { bindingPurpose } from "@/lib/bindings/complete-binding";
import { loginPurpose } from "@/lib/bindings/complete-login";
import { signerPurpose } from "@/lib/envelopes/complete-signer";
import { testPurpose } from "@/lib/flows/complete-test";
import { purposeHandler } from "@/lib/flows/purposes";
import "./register-purposes";

describe("register-purposes", () => {
  it("registers each purpose's own handler", () => {
    expect(purposeHandler("test")).toBe(testPurpose);
    expect(purposeHandler("binding")).toBe(bindingPurpose);
    expect(purposeHandler("login")).toBe(loginPurpose);
    expect(purposeHandler("signer")).toBe(signerPurpose);
  });
});
