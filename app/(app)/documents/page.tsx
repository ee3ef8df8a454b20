import { Forbidden } from "@/components/shell/forbidden";
import { EmptyState, PageHeader } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/link-button";
import { canOpenPage, hasPagePermission } from "@/lib/auth/page-permission";
import { requireUserPage } from "@/lib/auth/current-user";
import { listEnvelopes } from "@/lib/envelopes/list-envelopes";
import { pageCtx } from "@/lib/http/page-ctx";
import { EnvelopeTable } from "@/components/envelopes/envelope-table";

export const metadata = { title: "Documents" };

export default async function DocumentsPage() {
  // Each page checks for itself: Next renders a page alongside its layout, so the layout's
  // redirect alone still lets the page's content out in the RSC payload.
  const user = await requireUserPage();
  const [canOpen, canSend, seeAll] = await Promise.all([
    canOpenPage("/documents"),
    hasPagePermission("send_envelopes"),
    hasPagePermission("view_audit"),
  ]);
  if (!canOpen) return <Forbidden />;
  const items = await listEnvelopes((await pageCtx(user)).db, { userId: user.id, seeAll });
  return (
    <>
      <PageHeader title="Documents">
        {canSend ? <LinkButton href="/documents/new">Create envelope</LinkButton> : null}
      </PageHeader>
      {items.length === 0 ? (
        <EmptyState title="No documents yet">Envelopes you create appear here with their status.</EmptyState>
      ) : (
        <EnvelopeTable items={items.map((e) => ({ ...e, at: e.createdAt }))} dateHeading="Created" />
      )}
    </>
  );
}
