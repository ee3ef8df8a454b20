import { TopNav } from "@/components/shell/top-nav";
import { requireUserPage } from "@/lib/auth/current-user";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUserPage();
  return (
    <div className="min-h-screen">
      <TopNav userName={user.name} userEmail={user.email} />
      <div className="mx-auto max-w-7xl px-4 py-8">{children}</div>
    </div>
  );
}
