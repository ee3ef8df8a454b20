// Pure: the permission catalogue and the effective-value rule, importable by client components
// (the Preview Permissions dialog computes on the client with the same function as the server).
import type { PermissionValue } from "@/db/schema";

export type { PermissionValue };
export const PERMISSION_VALUES = ["BLOCK", "FORBID", "ALLOW"] as const satisfies readonly PermissionValue[];

/** The permission catalogue; labels are what the Roles and Permissions screen shows. */
export const PERMISSIONS = {
  password_logon: "User can use a password to logon",
  manage_users: "User can create, edit and delete users",
  view_users: "User can view user list of their organization",
  use_api: "User can use the API",
  configure_identity_providers: "User can configure identity providers",
  manage_roles: "User can manage roles and permissions",
  manage_templates: "User can edit notification templates",
  view_audit: "User can view the organization's audit trail",
  send_envelopes: "User can create and send envelopes",
} as const;

export type PermissionKey = keyof typeof PERMISSIONS;
export const PERMISSION_KEYS = Object.keys(PERMISSIONS) as PermissionKey[];

/** Over several roles: any BLOCK wins, else any ALLOW, else FORBID. */
export function effectiveValue(values: ReadonlyArray<PermissionValue | undefined>): PermissionValue {
  if (values.includes("BLOCK")) return "BLOCK";
  if (values.includes("ALLOW")) return "ALLOW";
  return "FORBID";
}

export function effectivePermissions(
  roleMaps: ReadonlyArray<Record<string, PermissionValue>>,
): Record<PermissionKey, PermissionValue> {
  return Object.fromEntries(PERMISSION_KEYS.map((k) => [k, effectiveValue(roleMaps.map((m) => m[k]))])) as Record<
    PermissionKey,
    PermissionValue
  >;
}

export const ALL_ALLOWED: Record<PermissionKey, PermissionValue> = Object.fromEntries(
  PERMISSION_KEYS.map((k) => [k, "ALLOW"]),
) as Record<PermissionKey, PermissionValue>;
