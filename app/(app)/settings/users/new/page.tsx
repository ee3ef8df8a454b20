import { QueryProvider } from "@/components/providers/query-provider";
import { Forbidden } from "@/components/shell/forbidden";
import { UserForm } from "@/components/users/user-form";
import { canOpenPage } from "@/lib/auth/page-permission";

export const metadata = { title: "New user" };

export default async function NewUserPage() {
  if (!(await canOpenPage("/settings/users/new"))) return <Forbidden />;
  return (
    <QueryProvider>
      <UserForm />
    </QueryProvider>
  );
}
