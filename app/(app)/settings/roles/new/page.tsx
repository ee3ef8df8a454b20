import { QueryProvider } from "@/components/providers/query-provider";
import { RoleEditor } from "@/components/roles/role-editor";
import { Forbidden } from "@/components/shell/forbidden";
import { hasPagePermission } from "@/lib/auth/page-permission";

export const metadata = { title: "New role" };

export default async function NewRolePage() {
  if (!(await hasPagePermission("manage_roles"))) return <Forbidden />;
  return (
    <QueryProvider>
      <RoleEditor />
    </QueryProvider>
  );
}
