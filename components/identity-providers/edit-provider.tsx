"use client";

import { LoaderCircle } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { LinkButton } from "@/components/ui/link-button";
import { ApiError, errorMessage } from "./api";
import { ProviderEditor } from "./provider-editor";
import { useProvider } from "./queries";

/** Loads the provider, then hands it to the editor (which keeps its own form state from then on). */
export function EditProvider({ id, justCreated }: { id: string; justCreated: boolean }) {
  const query = useProvider(id);
  // Once loaded, a failed background refetch must not take the form (and its edits) away.
  if (query.data) return <ProviderEditor key={id} provider={query.data} justCreated={justCreated} />;
  if (query.isPending) {
    return (
      <p role="status" className="flex items-center gap-2 py-12 text-sm text-slate-500">
        <LoaderCircle aria-hidden className="h-4 w-4 animate-spin" />
        Loading the provider…
      </p>
    );
  }
  const notFound = query.error instanceof ApiError && query.error.status === 404;
  return (
    <div className="space-y-4">
      <Alert tone="error" title={notFound ? "This identity provider does not exist" : "The provider could not be loaded"}>
        {notFound ? "It may have been deleted." : errorMessage(query.error)}
      </Alert>
      <div className="flex gap-2">
        <LinkButton href="/settings/identity-providers" variant="secondary">
          Back to the list
        </LinkButton>
        {notFound ? null : (
          <Button type="button" onClick={() => query.refetch()}>
            Retry
          </Button>
        )}
      </div>
    </div>
  );
}
