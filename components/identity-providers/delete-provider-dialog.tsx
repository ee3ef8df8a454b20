"use client";

import { errorMessage } from "@/components/data/api-client";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ProviderJson } from "@/lib/identity-providers/provider-json";
import { useDeleteProvider, useProviderUsage } from "./queries";

/** Confirms a delete after showing what still uses the provider (envelopes, user assignments...). */
export function DeleteProviderDialog({
  provider,
  onClose,
  onDeleted,
}: {
  provider: ProviderJson | null;
  onClose: () => void;
  onDeleted: (name: string) => void;
}) {
  const usage = useProviderUsage(provider?.id ?? "", provider !== null);
  const remove = useDeleteProvider();
  const close = () => {
    remove.reset();
    onClose();
  };
  const used = usage.data?.usage.filter((u) => u.count > 0) ?? [];
  return (
    <ConfirmDialog
      open={provider !== null}
      onOpenChange={(open) => !open && close()}
      title={`Delete provider ${provider?.name ?? ""}?`}
      confirmLabel="Delete"
      pending={remove.isPending}
      confirmDisabled={usage.isPending}
      onConfirm={() =>
        provider &&
        remove.mutate(provider.id, {
          onSuccess: () => {
            onDeleted(provider.name);
            close();
          },
        })
      }
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
      {remove.isError ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800">
          {errorMessage(remove.error)}
        </p>
      ) : null}
    </ConfirmDialog>
  );
}
