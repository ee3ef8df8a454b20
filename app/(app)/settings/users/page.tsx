import { EmptyState, PageHeader } from "@/components/ui/empty-state";
import { Forbidden } from "@/components/shell/forbidden";
import { hasPagePermission } from "@/lib/auth/page-permission";

export default async function Page() {
  if (!(await hasPagePermission("view_users"))) return <Forbidden />;
  return (
    <>
      <PageHeader title="Users" />
      <EmptyState title="The user list is not built yet">Users, their roles and their OAuth assignments (invited, bound, invalidated, expired) will be managed here.</EmptyState>
    </>
  );
}
