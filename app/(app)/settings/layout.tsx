import { NavLink } from "@/components/shell/nav-link";

const SECTIONS = [
  { href: "/settings/account", label: "Account" },
  { href: "/settings/identity-providers", label: "Identity Providers" },
  { href: "/settings/users", label: "Users" },
  { href: "/settings/roles", label: "Roles and Permissions" },
  { href: "/settings/api-tokens", label: "Api Tokens and Apps" },
  { href: "/settings/notification-templates", label: "Notification Templates" },
  { href: "/settings/outbox", label: "Outbox" },
  { href: "/settings/audit", label: "Envelope History / Audit" },
];

export default function SettingsLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex gap-8">
      <aside className="w-60 shrink-0">
        <nav aria-label="Settings" className="space-y-1">
          {SECTIONS.map((s) => (
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
