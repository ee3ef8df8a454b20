import { NavLink } from "@/components/shell/nav-link";
import { pagePermissions } from "@/lib/auth/page-permission";
import { menuEntries } from "@/lib/auth/pages";

/** The Settings sidebar lists only what this person may open (lib/auth/pages.ts, which each page's guard reads too). */
export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const sections = menuEntries("settings", await pagePermissions());
  return (
    <div className="flex gap-8">
      <aside className="w-60 shrink-0">
        <nav aria-label="Settings" className="space-y-1">
          {sections.map((s) => (
            <NavLink key={s.href} href={s.href} variant="side">
              {s.label}
            </NavLink>
          ))}
        </nav>
      </aside>
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}
