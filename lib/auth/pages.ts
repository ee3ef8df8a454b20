// Pure: the app's pages a menu links to, each with the permissions that open it (any one of them).
// The navigation shows an entry only to who may open it, and each page's guard (canOpenPage in
// page-permission.ts) reads the same entry, so the two cannot drift (issue 16). pages.test.ts
// checks every entry names a page that exists and that page guards itself with its entry.
import type { PermissionKey, PermissionValue } from "@/lib/users/permission-catalogue";

export type PageEntry = {
  href: string;
  label: string;
  /** Which menu lists it: the top navigation, the Settings sidebar, or none (reached from another page). */
  menu: "main" | "settings" | null;
  /** Any one of these opens the page; none listed: every signed-in person. */
  anyOf: readonly PermissionKey[];
  /** Marked as the current page only on this exact path, not below it. */
  exact?: boolean;
};

export const PAGES = [
  { href: "/documents/new", label: "New document", menu: "main", anyOf: ["send_envelopes"] },
  { href: "/", label: "Home", menu: "main", anyOf: [], exact: true },
  { href: "/documents", label: "Documents", menu: "main", anyOf: ["send_envelopes", "view_audit"], exact: true },
  { href: "/settings", label: "Settings", menu: "main", anyOf: [] },
  { href: "/settings/account", label: "Account", menu: "settings", anyOf: [] },
  {
    href: "/settings/identity-providers",
    label: "Identity Providers",
    menu: "settings",
    anyOf: ["configure_identity_providers"],
  },
  { href: "/settings/users", label: "Users", menu: "settings", anyOf: ["view_users", "manage_users"] },
  { href: "/settings/users/new", label: "Add new user", menu: null, anyOf: ["manage_users"] },
  { href: "/settings/roles", label: "Roles and Permissions", menu: "settings", anyOf: ["manage_roles"] },
  { href: "/settings/api-tokens", label: "Api Tokens and Apps", menu: "settings", anyOf: ["use_api"] },
  {
    href: "/settings/notification-templates",
    label: "Notification Templates",
    menu: "settings",
    anyOf: ["manage_templates"],
  },
  {
    href: "/settings/agreements",
    label: "Agreements Configuration",
    menu: "settings",
    anyOf: ["manage_templates"],
  },
  { href: "/settings/outbox", label: "Outbox", menu: "settings", anyOf: ["manage_users"] },
  { href: "/settings/audit", label: "Envelope History / Audit", menu: "settings", anyOf: ["view_audit"] },
] as const satisfies readonly PageEntry[];

export type PageHref = (typeof PAGES)[number]["href"];

export const pageEntry = (href: PageHref): PageEntry => PAGES.find((p) => p.href === href)!;

export const mayOpen = (entry: PageEntry, permissions: Record<PermissionKey, PermissionValue>): boolean =>
  entry.anyOf.length === 0 || entry.anyOf.some((k) => permissions[k] === "ALLOW");

/** A menu's entries this person may open, in the menu's order. */
export const menuEntries = (
  menu: "main" | "settings",
  permissions: Record<PermissionKey, PermissionValue>,
): PageEntry[] => PAGES.filter((p) => p.menu === menu && mayOpen(p, permissions));
