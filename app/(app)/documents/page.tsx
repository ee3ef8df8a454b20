import Link from "next/link";
import { Forbidden } from "@/components/shell/forbidden";
import { EmptyState, PageHeader } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/link-button";
import { canOpenPage, hasPagePermission } from "@/lib/auth/page-permission";
import { requireUserPage } from "@/lib/auth/current-user";
import { listEnvelopes } from "@/lib/envelopes/list-envelopes";
import { pageCtx } from "@/lib/http/page-ctx";
import { StatusBadge } from "@/components/envelopes/status-badge";

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
        <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm">
          <thead className="bg-slate-50 text-left text-xs text-slate-600 uppercase">
            <tr>
              <th className="px-3 py-2">Name</th>
              <th className="px-3 py-2">Status</th>
              <th className="px-3 py-2">Signed</th>
              <th className="px-3 py-2">Created</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id} className="border-t border-slate-100">
                <td className="px-3 py-2">
                  <Link className="font-medium text-brand-700 underline" href={`/documents/${e.id}`}>
                    {e.name}
                  </Link>
                </td>
                <td className="px-3 py-2">
                  <StatusBadge status={e.status} />
                </td>
                <td className="px-3 py-2">
                  {e.signed} / {e.recipients}
                </td>
                <td className="px-3 py-2 text-slate-600">{e.createdAt.toISOString().slice(0, 16).replace("T", " ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
