import { requireUserPage } from "@/lib/auth/current-user";

export default async function PrintLayout({ children }: { children: React.ReactNode }) {
  await requireUserPage();
  return <div className="min-h-screen bg-white">{children}</div>;
}
