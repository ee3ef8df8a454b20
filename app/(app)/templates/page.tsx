import { EmptyState, PageHeader } from "@/components/ui/empty-state";

export default function TemplatesPage() {
  return (
    <>
      <PageHeader title="Templates" />
      <EmptyState title="No templates">Envelope templates are not part of this product yet.</EmptyState>
    </>
  );
}
