import { QueryProvider } from "@/components/providers/query-provider";
import { RoleEditor } from "@/components/roles/role-editor";
import { Forbidden } from "@/components/shell/forbidden";
import { canOpenPage } from "@/lib/auth/page-permission";

export const metadata = { title: "New role" };

export default async function NewRolePage() {
  if (!(await canOpenPage("/settings/roles"))) return <Forbidden />;
  return (
    <QueryProvider>
      <RoleEditor />
    </QueryProvider>
  );
}
