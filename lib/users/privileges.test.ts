import { describe, expect, it } from "vitest";
import {
  ALL_ALLOWED,
  effectivePermissions,
  PERMISSION_KEYS,
  type PermissionKey,
  type PermissionValue,
} from "./permission-catalogue";
import { missingToAssign, missingToChangeRole, missingToManage, permissionLabels } from "./privileges";

const held = (map: Partial<Record<PermissionKey, PermissionValue>>) => effectivePermissions([map]);
const VALUES: PermissionValue[] = ["BLOCK", "FORBID", "ALLOW"];

describe("missingToAssign: a role can be given or taken away only by someone holding all it allows", () => {
  it("names every permission the role allows that the caller lacks, in catalogue order", () => {
    const manager = held({ manage_users: "ALLOW", use_api: "ALLOW", password_logon: "ALLOW" });
    expect(missingToAssign(manager, ALL_ALLOWED)).toEqual(
      PERMISSION_KEYS.filter((k) => !["manage_users", "use_api", "password_logon"].includes(k)),
    );
    expect(missingToAssign(manager, { manage_users: "ALLOW", send_envelopes: "BLOCK" })).toEqual([]);
    expect(missingToAssign(ALL_ALLOWED, ALL_ALLOWED)).toEqual([]);
  });

  it("a permission the caller has ALLOWed but BLOCKed elsewhere is not held", () => {
    const blocked = effectivePermissions([{ manage_roles: "ALLOW", view_audit: "ALLOW" }, { view_audit: "BLOCK" }]);
    expect(missingToAssign(blocked, { view_audit: "ALLOW" })).toEqual(["view_audit"]);
  });
});

describe("missingToManage: a caller changes only users who hold no more than they do", () => {
  it("an administrator is out of a user manager's reach, a peer or oneself is not", () => {
    const manager = held({ manage_users: "ALLOW" });
    expect(missingToManage(manager, ALL_ALLOWED)).toContain("configure_identity_providers");
    expect(missingToManage(manager, held({ manage_users: "ALLOW" }))).toEqual([]);
    expect(missingToManage(manager, held({ view_audit: "BLOCK" }))).toEqual([]);
  });
});

describe("missingToChangeRole: every changed permission but FORBID → BLOCK needs the caller to hold it", () => {
  const roleManager = held({ manage_roles: "ALLOW" });

  it("every pair of values: free when unchanged, when adding a BLOCK, or when the caller holds the permission", () => {
    for (const from of VALUES) {
      for (const to of VALUES) {
        const needs = from !== to && !(from === "FORBID" && to === "BLOCK");
        expect(missingToChangeRole(roleManager, { view_audit: from }, { view_audit: to }), `${from} → ${to}`).toEqual(
          needs ? ["view_audit"] : [],
        );
        expect(
          missingToChangeRole(roleManager, { manage_roles: from }, { manage_roles: to }),
          `held ${from} → ${to}`,
        ).toEqual([]);
      }
    }
  });

  it("create is a change from nothing, delete a change to nothing", () => {
    expect(
      missingToChangeRole(roleManager, null, { manage_roles: "ALLOW", send_envelopes: "ALLOW", view_audit: "BLOCK" }),
    ).toEqual(["send_envelopes"]);
    expect(
      missingToChangeRole(roleManager, { manage_roles: "ALLOW", send_envelopes: "BLOCK", view_audit: "ALLOW" }, null),
    ).toEqual(["view_audit", "send_envelopes"]);
    expect(missingToChangeRole(ALL_ALLOWED, null, ALL_ALLOWED)).toEqual([]);
  });
});

it("messages name permissions by the label the Roles screen shows", () => {
  expect(permissionLabels(["configure_identity_providers", "view_audit"])).toBe(
    `"User can configure identity providers", "User can view the organization's audit trail"`,
  );
});
