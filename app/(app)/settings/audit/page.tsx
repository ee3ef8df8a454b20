import { EmptyState, PageHeader } from "@/components/ui/empty-state";
import { Forbidden } from "@/components/shell/forbidden";
import { hasPagePermission } from "@/lib/auth/page-permission";

export default async function Page() {
  if (!(await hasPagePermission("view_audit"))) return <Forbidden />;
  return (
    <>
      <PageHeader title="Envelope History / Audit" />
      <EmptyState title="The audit trail is not built yet">The organisation&apos;s security log and each envelope&apos;s hash-chained audit trail will be shown, exported and verified here.</EmptyState>
    </>
  );
}
