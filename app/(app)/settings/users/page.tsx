import { Plus } from "lucide-react";
import { QueryProvider } from "@/components/providers/query-provider";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/link-button";
import { UserList } from "@/components/users/user-list";
import { requireUserPage } from "@/lib/auth/current-user";
import { canOpenPage, hasPagePermission } from "@/lib/auth/page-permission";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const [me, canOpen, canManage] = await Promise.all([
    requireUserPage(),
    // Whoever may change users may see them too (lib/auth/pages.ts).
    canOpenPage("/settings/users"),
    hasPagePermission("manage_users"),
  ]);
  if (!canOpen) return <Forbidden />;
  return (
    <>
      <PageHeader title="Users">
        {canManage ? (
          <LinkButton href="/settings/users/new">
            <Plus aria-hidden className="h-4 w-4" />
            ADD NEW USER
          </LinkButton>
        ) : null}
      </PageHeader>
      <QueryProvider>
        <UserList canManage={canManage} currentUserId={me.id} />
      </QueryProvider>
    </>
  );
}
