// The menus and the page guards read one list (lib/auth/pages.ts): each entry names a page that
// exists, and a page that needs a permission guards itself with its own entry.
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ALL_ALLOWED, PERMISSION_KEYS, type PermissionKey } from "@/lib/users/permission-catalogue";
import type { PermissionValue } from "@/db/schema";
import { menuEntries, PAGES } from "./pages";

const pageFile = (href: string) => path.join(process.cwd(), "app", "(app)", href, "page.tsx");
const only = (...keys: PermissionKey[]) =>
  Object.fromEntries(PERMISSION_KEYS.map((k) => [k, keys.includes(k) ? "ALLOW" : "FORBID"])) as Record<
    PermissionKey,
    PermissionValue
  >;

describe("the pages the menus link to", () => {
  it("each exists, and each that needs a permission checks its own entry", () => {
    for (const page of PAGES) {
      expect(existsSync(pageFile(page.href)), page.href).toBe(true);
      if (page.anyOf.length > 0)
        expect(readFileSync(pageFile(page.href), "utf8"), page.href).toContain(`canOpenPage("${page.href}")`);
    }
  });

  it("a person sees only the entries their permissions open", () => {
    const labels = (menu: "main" | "settings", p: Record<PermissionKey, PermissionValue>) =>
      menuEntries(menu, p).map((e) => e.label);
    expect(labels("main", only("password_logon"))).toEqual(["Home", "Settings"]);
    expect(labels("settings", only("password_logon"))).toEqual(["Account"]);
    expect(labels("settings", only("view_users"))).toEqual(["Account", "Users"]);
    expect(labels("main", only("view_audit"))).toEqual(["Home", "Documents", "Settings"]);
    expect(labels("main", ALL_ALLOWED)).toEqual(["New document", "Home", "Documents", "Settings"]);
    expect(labels("settings", ALL_ALLOWED)).toEqual(PAGES.filter((p) => p.menu === "settings").map((p) => p.label));
    // A BLOCK anywhere wins (effectivePermissions): a blocked permission opens nothing.
    expect(labels("settings", { ...only("view_users"), view_users: "BLOCK" })).toEqual(["Account"]);
  });
});
