import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { EmptyState, PageHeader } from "@/components/ui/empty-state";
import { requireUserPage } from "@/lib/auth/current-user";

export default async function AccountPage() {
  const current = await requireUserPage();
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, current.id));
  if (!user) return null;
  const rows: [string, string][] = [
    ["Email", user.email],
    ["First name", user.firstName],
    ["Last name", user.lastName],
    ["Username", user.username ?? ""],
    ["Interface language", user.language],
  ];
  return (
    <>
      <PageHeader title="Account" />
      <dl className="mb-8 grid max-w-xl grid-cols-[10rem_1fr] gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-6 text-sm">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-500">{k}</dt>
            <dd className="text-slate-900">{v || "—"}</dd>
          </div>
        ))}
      </dl>
      <EmptyState title="OAuth - Choose One Authentication provider of your account">
        Binding your account to an external identity (and changing your password) arrives with the users and binding
        work.
      </EmptyState>
    </>
  );
}
