// Pure: the catalogue in related groups ("Related Permissions"), and why a permission ends up
// with its effective value over a set of roles. Shared by the roles grid and the preview.
import {
  effectiveValue,
  PERMISSION_KEYS,
  PERMISSIONS,
  type PermissionKey,
  type PermissionValue,
} from "./permission-catalogue";

export type PermissionGroup = { id: string; title: string; description: string; keys: PermissionKey[] };

const GROUPS: PermissionGroup[] = [
  { id: "sign-in", title: "Sign-in", description: "How the user may sign in to the app.", keys: ["password_logon"] },
  {
    id: "users",
    title: "Users and roles",
    description: "Who may see and change the organisation's users and what roles allow.",
    keys: ["view_users", "manage_users", "manage_roles"],
  },
  {
    id: "identity-providers",
    title: "Identity providers",
    description: "External OAuth 2.0 / OpenID Connect providers.",
    keys: ["configure_identity_providers"],
  },
  { id: "api", title: "API", description: "Access to the REST API with an API token.", keys: ["use_api"] },
  { id: "audit", title: "Audit", description: "Audit trails and the security log.", keys: ["view_audit"] },
  {
    id: "envelopes",
    title: "Envelopes and notifications",
    description: "Designing and sending envelopes, and the mails they send.",
    keys: ["send_envelopes", "manage_templates"],
  },
];

/** Every permission of the catalogue exactly once; one added later without a group lands in "Other". */
export function permissionGroups(): PermissionGroup[] {
  const grouped = new Set(GROUPS.flatMap((g) => g.keys));
  const rest = PERMISSION_KEYS.filter((k) => !grouped.has(k));
  return rest.length
    ? [...GROUPS, { id: "other", title: "Other", description: "Further permissions.", keys: rest }]
    : GROUPS;
}

export const permissionLabel = (key: PermissionKey) => PERMISSIONS[key];

export type RolePermissions = { id: string; name: string; permissions: Record<string, PermissionValue> };

export type PermissionPreview = {
  key: PermissionKey;
  label: string;
  value: PermissionValue;
  /** The roles that decide the value: the blocking ones, else the allowing ones; none for a plain FORBID. */
  decidedBy: string[];
};

/** The effective value of each permission over the chosen roles, with the roles that decide it. */
export function previewPermissions(chosen: ReadonlyArray<RolePermissions>): Record<PermissionKey, PermissionPreview> {
  return Object.fromEntries(
    PERMISSION_KEYS.map((key) => {
      const value = effectiveValue(chosen.map((r) => r.permissions[key]));
      const decidedBy = value === "FORBID" ? [] : chosen.filter((r) => r.permissions[key] === value).map((r) => r.name);
      return [key, { key, label: PERMISSIONS[key], value, decidedBy }];
    }),
  ) as Record<PermissionKey, PermissionPreview>;
}
