import { EditProvider } from "@/components/identity-providers/edit-provider";
import { QueryProvider } from "@/components/providers/query-provider";
import { Forbidden } from "@/components/shell/forbidden";
import { canOpenPage } from "@/lib/auth/page-permission";

export const metadata = { title: "Identity provider" };

export default async function IdentityProviderPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (!(await canOpenPage("/settings/identity-providers"))) return <Forbidden />;
  const [{ id }, query] = await Promise.all([params, searchParams]);
  return (
    <QueryProvider>
      <EditProvider id={id} justCreated={query.created === "1"} />
    </QueryProvider>
  );
}
