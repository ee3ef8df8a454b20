import { EmptyState, PageHeader } from "@/components/ui/empty-state";
import { Forbidden } from "@/components/shell/forbidden";
import { hasPagePermission } from "@/lib/auth/page-permission";

export default async function Page() {
  if (!(await hasPagePermission("manage_templates"))) return <Forbidden />;
  return (
    <>
      <PageHeader title="Notification Templates" />
      <EmptyState title="Templates are not editable yet">The Initial OAuth verification request, the OAuth user assignment invalidation information and the signer invitation will be edited here.</EmptyState>
    </>
  );
}
