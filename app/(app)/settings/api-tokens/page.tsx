import { EmptyState, PageHeader } from "@/components/ui/empty-state";
import { Forbidden } from "@/components/shell/forbidden";
import { hasPagePermission } from "@/lib/auth/page-permission";

export default async function Page() {
  if (!(await hasPagePermission("use_api"))) return <Forbidden />;
  return (
    <>
      <PageHeader title="Api Tokens and Apps" />
      <EmptyState title="No API tokens yet">API tokens for the REST API (/api/v6) are not built yet.</EmptyState>
    </>
  );
}
