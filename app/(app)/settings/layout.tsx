import { NavLink } from "@/components/shell/nav-link";
import { pagePermissions } from "@/lib/auth/page-permission";
import { menuEntries } from "@/lib/auth/pages";

/** The Settings sidebar lists only what this person may open (lib/auth/pages.ts, which each page's guard reads too). */
export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const sections = menuEntries("settings", await pagePermissions());
  return (
    // On a phone the sections are one row above the page (scrolling sideways inside itself).
    <div className="flex flex-col gap-4 md:flex-row md:gap-8">
      <aside className="md:w-60 md:shrink-0">
        <nav
          aria-label="Settings"
          data-scrolls
          className="-mx-1 flex gap-1 overflow-x-auto whitespace-nowrap md:mx-0 md:block md:space-y-1 md:whitespace-normal"
        >
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
