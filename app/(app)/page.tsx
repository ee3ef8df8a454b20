import Link from "next/link";
import { EmptyState, PageHeader } from "@/components/ui/empty-state";
import { requireUserPage } from "@/lib/auth/current-user";

export default async function HomePage() {
  const user = await requireUserPage();
  return (
    <>
      <PageHeader title={`Welcome${user.name ? `, ${user.name}` : ""}`} />
      <EmptyState title="Nothing to sign yet">
        Envelopes you send or must sign will appear here once the envelope designer lands. Meanwhile, configure your{" "}
        <Link className="text-brand-600 underline" href="/settings/identity-providers">
          identity providers
        </Link>
        .
      </EmptyState>
    </>
  );
}
