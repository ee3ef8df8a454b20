import { EmptyState, PageHeader } from "@/components/ui/empty-state";
import { Forbidden } from "@/components/shell/forbidden";
import { hasPagePermission } from "@/lib/auth/page-permission";

export default async function Page() {
  if (!(await hasPagePermission("manage_roles"))) return <Forbidden />;
  return (
    <>
      <PageHeader title="Roles and Permissions" />
      <EmptyState title="Roles are not editable yet">Each role will set every permission to BLOCK, FORBID or ALLOW; the Administrator role already allows everything.</EmptyState>
    </>
  );
}
