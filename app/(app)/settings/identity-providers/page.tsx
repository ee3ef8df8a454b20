import { EmptyState, PageHeader } from "@/components/ui/empty-state";
import { Forbidden } from "@/components/shell/forbidden";
import { hasPagePermission } from "@/lib/auth/page-permission";

export default async function Page() {
  if (!(await hasPagePermission("configure_identity_providers"))) return <Forbidden />;
  return (
    <>
      <PageHeader title="Identity Providers" />
      <EmptyState title="No identity providers yet">The provider editor (OAuth 2.0 with resource URIs, OpenID Connect with JWT, discovery import, Test connection) is not built yet.</EmptyState>
    </>
  );
}
