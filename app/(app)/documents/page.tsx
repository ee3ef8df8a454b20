import { EmptyState, PageHeader } from "@/components/ui/empty-state";

export default function DocumentsPage() {
  return (
    <>
      <PageHeader title="Documents" />
      <EmptyState title="No documents yet">
        The documents list (drafts, sent, completed envelopes with their status) is not built yet.
      </EmptyState>
    </>
  );
}
