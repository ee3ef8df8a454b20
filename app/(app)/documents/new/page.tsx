import { EnvelopeDesigner } from "@/components/envelopes/envelope-designer";
import { QueryProvider } from "@/components/providers/query-provider";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/empty-state";
import { requireUserPage } from "@/lib/auth/current-user";
import { canOpenPage } from "@/lib/auth/page-permission";
import { designerProviders } from "@/lib/envelopes/designer-providers";
import { pageCtx } from "@/lib/http/page-ctx";

export const metadata = { title: "Create envelope" };

export default async function NewDocumentPage() {
  // Each page checks for itself (see app/(app)/documents/page.tsx).
  await requireUserPage();
  if (!(await canOpenPage("/documents/new"))) return <Forbidden />;
  const providers = await designerProviders((await pageCtx()).db);
  return (
    <>
      <PageHeader title="Create envelope" />
      <QueryProvider>
        <EnvelopeDesigner providers={providers} />
      </QueryProvider>
    </>
  );
}
