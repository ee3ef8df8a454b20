import { describe, expect, it } from "vitest";
import { PERMISSION_KEYS } from "./permission-catalogue";
import { permissionGroups, previewPermissions } from "./permission-groups";

describe("Related Permissions and the preview", () => {
  it("groups every permission of the catalogue exactly once", () => {
    const keys = permissionGroups().flatMap((g) => g.keys);
    expect([...keys].sort()).toEqual([...PERMISSION_KEYS].sort());
    expect(new Set(keys).size).toBe(keys.length);
    expect(permissionGroups().find((g) => g.id === "users")!.keys).toEqual([
      "view_users",
      "manage_users",
      "manage_roles",
    ]);
  });

  it("computes the effective value over the chosen roles and names the roles that decide it", () => {
    const admin = {
      id: "1",
      name: "Administrator",
      permissions: { password_logon: "ALLOW", manage_users: "ALLOW", use_api: "ALLOW" } as const,
    };
    const restricted = {
      id: "2",
      name: "No API",
      permissions: { use_api: "BLOCK", password_logon: "FORBID" } as const,
    };
    const preview = previewPermissions([admin, restricted]);
    expect(preview.use_api).toMatchObject({ value: "BLOCK", decidedBy: ["No API"], label: "User can use the API" });
    expect(preview.password_logon).toMatchObject({ value: "ALLOW", decidedBy: ["Administrator"] });
    expect(preview.view_audit).toMatchObject({ value: "FORBID", decidedBy: [] });
    expect(Object.values(previewPermissions([])).every((p) => p.value === "FORBID")).toBe(true);
  });
});
