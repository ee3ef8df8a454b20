import { describe, expect, it } from "vitest";
import { effectivePermissions, effectiveValue } from "./permissions";

describe("effective permission over roles", () => {
  it("any BLOCK wins, else any ALLOW, else FORBID", () => {
    expect(effectiveValue(["ALLOW", "BLOCK", "ALLOW"])).toBe("BLOCK");
    expect(effectiveValue(["FORBID", "ALLOW"])).toBe("ALLOW");
    expect(effectiveValue(["FORBID", undefined])).toBe("FORBID");
    expect(effectiveValue([])).toBe("FORBID");
  });

  it("computes every permission of the catalogue", () => {
    const result = effectivePermissions([
      { password_logon: "ALLOW", manage_users: "ALLOW" },
      { manage_users: "BLOCK" },
    ]);
    expect(result.password_logon).toBe("ALLOW");
    expect(result.manage_users).toBe("BLOCK");
    expect(result.view_users).toBe("FORBID");
  });
});
