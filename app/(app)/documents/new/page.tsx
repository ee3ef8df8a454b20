import { and, asc, eq } from "drizzle-orm";
import { EnvelopeDesigner } from "@/components/envelopes/envelope-designer";
import { QueryProvider } from "@/components/providers/query-provider";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/empty-state";
import { getDb } from "@/db";
import { identityProviders } from "@/db/schema";
import { requireUserPage } from "@/lib/auth/current-user";
import { hasPagePermission } from "@/lib/auth/page-permission";
import { customFieldIds } from "@/lib/envelopes/resolve-auth";

export const metadata = { title: "Create envelope" };

export default async function NewDocumentPage() {
  // Each page checks for itself (see app/(app)/documents/page.tsx).
  await requireUserPage();
  if (!(await hasPagePermission("send_envelopes"))) return <Forbidden />;
  const rows = await (await getDb())
    .select()
    .from(identityProviders)
    .where(and(eq(identityProviders.enabled, true), eq(identityProviders.usedForSignerAuthentication, true)))
    .orderBy(asc(identityProviders.name));
  // Only what the designer needs: no secret or configuration reaches the browser.
  const providers = rows.map((p) => ({ id: p.id, name: p.name, customFields: customFieldIds(p) }));
  return (
    <>
      <PageHeader title="Create envelope" />
      <QueryProvider>
        <EnvelopeDesigner providers={providers} />
      </QueryProvider>
    </>
  );
}
