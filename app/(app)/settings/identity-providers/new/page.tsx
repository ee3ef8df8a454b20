import { ProviderEditor } from "@/components/identity-providers/provider-editor";
import { QueryProvider } from "@/components/providers/query-provider";
import { Forbidden } from "@/components/shell/forbidden";
import { canOpenPage } from "@/lib/auth/page-permission";

export const metadata = { title: "New identity provider" };

export default async function NewIdentityProviderPage() {
  if (!(await canOpenPage("/settings/identity-providers"))) return <Forbidden />;
  return (
    <QueryProvider>
      <ProviderEditor />
    </QueryProvider>
  );
}
