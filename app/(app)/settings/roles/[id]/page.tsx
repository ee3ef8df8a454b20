import { QueryProvider } from "@/components/providers/query-provider";
import { EditRole } from "@/components/roles/edit-role";
import { Forbidden } from "@/components/shell/forbidden";
import { canOpenPage } from "@/lib/auth/page-permission";

export const metadata = { title: "Role" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RolePage({ params, searchParams }: Props) {
  if (!(await canOpenPage("/settings/roles"))) return <Forbidden />;
  const [{ id }, query] = await Promise.all([params, searchParams]);
  return (
    <QueryProvider>
      <EditRole id={id} justCreated={query.created === "1"} />
    </QueryProvider>
  );
}
