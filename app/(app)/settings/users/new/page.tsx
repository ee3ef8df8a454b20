import { QueryProvider } from "@/components/providers/query-provider";
import { Forbidden } from "@/components/shell/forbidden";
import { UserForm } from "@/components/users/user-form";
import { hasPagePermission } from "@/lib/auth/page-permission";

export const metadata = { title: "New user" };

export default async function NewUserPage() {
  if (!(await hasPagePermission("manage_users"))) return <Forbidden />;
  return (
    <QueryProvider>
      <UserForm />
    </QueryProvider>
  );
}
