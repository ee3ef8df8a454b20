import { EmptyState, PageHeader } from "@/components/ui/empty-state";
import { requireUserPage } from "@/lib/auth/current-user";

export default async function TemplatesPage() {
  // Each page checks for itself: Next renders a page alongside its layout, so the layout's
  // redirect alone still lets the page's content out in the RSC payload.
  await requireUserPage();
  return (
    <>
      <PageHeader title="Templates" />
      <EmptyState title="No templates">Envelope templates are not part of this product yet.</EmptyState>
    </>
  );
}
