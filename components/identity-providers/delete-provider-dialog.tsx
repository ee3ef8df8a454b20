"use client";

import { errorMessage } from "@/components/data/api-client";
import { DeleteRecordDialog } from "@/components/ui/delete-record-dialog";
import type { ProviderJson } from "@/lib/identity-providers/provider-json";
import { useDeleteProvider, useProviderUsage } from "./queries";

/** Confirms a delete after showing what still uses the provider (envelopes, user assignments...). */
export function DeleteProviderDialog({
  provider,
  ...handlers
}: {
  provider: ProviderJson | null;
  onClose: () => void;
  onDeleted: (name: string) => void;
}) {
  const usage = useProviderUsage(provider?.id ?? "", provider !== null);
  const used = usage.data?.usage.filter((u) => u.count > 0) ?? [];
  return (
    <DeleteRecordDialog
      record={provider}
      noun="provider"
      remove={useDeleteProvider()}
      confirmDisabled={usage.isPending}
      {...handlers}
    >
      {usage.isPending ? (
        <p role="status">Checking what uses this provider…</p>
      ) : usage.isError ? (
        <p className="text-amber-800">What uses this provider could not be checked: {errorMessage(usage.error)}</p>
      ) : used.length ? (
        <p className="font-medium text-amber-800">Used by: {used.map((u) => `${u.count} ${u.label}`).join(", ")}</p>
      ) : (
        <p>Nothing uses this provider.</p>
      )}
      <p>Deleting removes its settings and keys for good; the audit trail keeps the record of it.</p>
    </DeleteRecordDialog>
  );
}
