"use client";

import type { UseMutationResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { errorMessage } from "@/components/data/api-client";
import { ConfirmDialog } from "./confirm-dialog";

/**
 * "Delete <noun> <name>?": what the delete affects (children), then the delete itself (a
 * useDeleteRecord mutation); the server's refusal stays in the dialog, a success closes it.
 */
export function DeleteRecordDialog<T extends { id: string; name: string }>({
  record,
  noun,
  remove,
  onClose,
  onDeleted,
  confirmDisabled = false,
  children,
}: {
  record: T | null;
  noun: string;
  remove: UseMutationResult<void, Error, string>;
  onClose: () => void;
  onDeleted: (name: string) => void;
  confirmDisabled?: boolean;
  children: ReactNode;
}) {
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={record !== null}
      onOpenChange={(open) => !open && close()}
      title={`Delete ${noun} ${record?.name ?? ""}?`}
      confirmLabel="Delete"
      pending={remove.isPending}
      confirmDisabled={confirmDisabled}
      onConfirm={() =>
        record &&
        remove.mutate(record.id, {
          onSuccess: () => {
            onDeleted(record.name);
            close();
          },
        })
      }
    >
      {children}
      {remove.isError ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800">
          {errorMessage(remove.error)}
        </p>
      ) : null}
    </ConfirmDialog>
  );
}
