import { EmptyState, PageHeader } from "@/components/ui/empty-state";
import { requireUserPage } from "@/lib/auth/current-user";

export default async function DocumentsPage() {
  // Each page checks for itself: Next renders a page alongside its layout, so the layout's
  // redirect alone still lets the page's content out in the RSC payload.
  await requireUserPage();
  return (
    <>
      <PageHeader title="Documents" />
      <EmptyState title="No documents yet">
        The documents list (drafts, sent, completed envelopes with their status) is not built yet.
      </EmptyState>
    </>
  );
}
