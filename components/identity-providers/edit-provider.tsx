"use client";

import { LoadedRecord } from "@/components/ui/loaded-record";
import { ProviderEditor } from "./provider-editor";
import { useProvider } from "./queries";

/** Loads the provider, then hands it to the editor (which keeps its own form state from then on). */
export function EditProvider({ id, justCreated }: { id: string; justCreated: boolean }) {
  return (
    <LoadedRecord
      query={useProvider(id)}
      noun="identity provider"
      listHref="/settings/identity-providers"
      notFoundHint="It may have been deleted."
    >
      {(provider) => <ProviderEditor key={id} provider={provider} justCreated={justCreated} />}
    </LoadedRecord>
  );
}
