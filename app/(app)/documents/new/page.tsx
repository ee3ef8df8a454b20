import { EmptyState, PageHeader } from "@/components/ui/empty-state";
import { requireUserPage } from "@/lib/auth/current-user";

export default async function NewDocumentPage() {
  // Each page checks for itself: Next renders a page alongside its layout, so the layout's
  // redirect alone still lets the page's content out in the RSC payload.
  await requireUserPage();
  return (
    <>
      <PageHeader title="Create envelope" />
      <EmptyState title="The envelope designer is not built yet">
        Here a sender will upload a PDF, add recipients in order and require each signer to authenticate with an OAuth
        Authorization Provider before signing.
      </EmptyState>
    </>
  );
}
