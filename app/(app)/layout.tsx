import { TopNav } from "@/components/shell/top-nav";
import { requireUserPage } from "@/lib/auth/current-user";
import { pagePermissions } from "@/lib/auth/page-permission";
import { menuEntries } from "@/lib/auth/pages";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUserPage();
  const items = menuEntries("main", await pagePermissions());
  return (
    <div className="min-h-screen">
      <TopNav userName={user.name} userEmail={user.email} items={items} />
      <div className="mx-auto max-w-7xl px-4 py-8">{children}</div>
    </div>
  );
}
