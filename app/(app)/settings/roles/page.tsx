import { Plus } from "lucide-react";
import { QueryProvider } from "@/components/providers/query-provider";
import { RoleList } from "@/components/roles/role-list";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/link-button";
import { canOpenPage } from "@/lib/auth/page-permission";

export const metadata = { title: "Roles and Permissions" };

export default async function RolesPage() {
  if (!(await canOpenPage("/settings/roles"))) return <Forbidden />;
  return (
    <>
      <PageHeader title="Roles and Permissions">
        <LinkButton href="/settings/roles/new">
          <Plus aria-hidden className="h-4 w-4" />
          ADD ROLE
        </LinkButton>
      </PageHeader>
      <p className="-mt-3 mb-6 max-w-3xl text-sm text-slate-500">
        Each role sets every permission to BLOCK, FORBID or ALLOW. A user holds the permissions of all their roles
        together: any BLOCK wins, else any ALLOW, else FORBID.
      </p>
      <QueryProvider>
        <RoleList />
      </QueryProvider>
    </>
  );
}
