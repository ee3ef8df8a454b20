import { EmptyState, PageHeader } from "@/components/ui/empty-state";

export default function NewDocumentPage() {
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
