import Link from "next/link";
import { fromRequest } from "@/components/envelopes/designer-values";
import { EnvelopeDesigner } from "@/components/envelopes/envelope-designer";
import { QueryProvider } from "@/components/providers/query-provider";
import { Forbidden } from "@/components/shell/forbidden";
import { Alert } from "@/components/ui/alert";
import { EmptyState, PageHeader } from "@/components/ui/empty-state";
import { requireUserPage } from "@/lib/auth/current-user";
import { canOpenPage } from "@/lib/auth/page-permission";
import { designerProviders } from "@/lib/envelopes/designer-providers";
import { getDraft } from "@/lib/envelopes/get-draft";
import { AppError } from "@/lib/errors";
import { pageCtx } from "@/lib/http/page-ctx";

export const metadata = { title: "Edit draft" };

/** A draft of one's own in the designer again: SAVE AS draft replaces it, SEND saves and sends it. */
export default async function EditDraftPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUserPage();
  if (!(await canOpenPage("/documents/new"))) return <Forbidden />;
  const { id } = await params;
  const { db } = await pageCtx(user);
  const draft = await getDraft(db, id, user.id).catch((err: unknown) => {
    if (err instanceof AppError && (err.code === "not_found" || err.code === "conflict")) return err;
    throw err;
  });
  if (draft instanceof AppError) {
    return (
      <EmptyState title={draft.code === "conflict" ? "This envelope is no longer a draft" : "Envelope not found"}>
        {draft.code === "conflict" ? (
          <Link href={`/documents/${id}`}>Open the envelope</Link>
        ) : (
          "There is no draft of yours with this id."
        )}
      </EmptyState>
    );
  }
  const providers = await designerProviders(db);
  const form = fromRequest(draft.request, providers);
  const needsCode = form.ok && form.values.recipients.some((r) => r.accessCodeOn);
  return (
    <>
      <PageHeader title="Edit draft" />
      {!form.ok ? (
        <Alert tone="info">
          The designer cannot show this draft ({form.reason}). Change it through PUT /api/v6/envelope/{id}.
        </Alert>
      ) : (
        <>
          {needsCode ? (
            <Alert tone="info" className="mb-4">
              Access codes are kept only as hashes: enter each one again before saving or sending.
            </Alert>
          ) : null}
          <QueryProvider>
            <EnvelopeDesigner
              providers={providers}
              draft={{ id, values: form.values, files: draft.files, request: draft.request }}
            />
          </QueryProvider>
        </>
      )}
    </>
  );
}
