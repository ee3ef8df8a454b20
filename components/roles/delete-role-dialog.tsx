"use client";

import { errorMessage } from "@/components/data/api-client";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { RoleJson } from "@/lib/users/role-json";
import { useDeleteRole } from "./queries";

/** Confirms a delete, saying whom it affects; the server refuses to delete the last administrators' role. */
export function DeleteRoleDialog({
  role,
  onClose,
  onDeleted,
}: {
  role: RoleJson | null;
  onClose: () => void;
  onDeleted: (name: string) => void;
}) {
  const remove = useDeleteRole();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={role !== null}
      onOpenChange={(open) => !open && close()}
      title={`Delete role ${role?.name ?? ""}?`}
      confirmLabel="Delete"
      pending={remove.isPending}
      onConfirm={() =>
        role &&
        remove.mutate(role.id, {
          onSuccess: () => {
            onDeleted(role.name);
            close();
          },
        })
      }
    >
      <p>
        {role?.userCount
          ? `${role.userCount} ${role.userCount === 1 ? "user holds" : "users hold"} this role and will lose the permissions it gives.`
          : "No user holds this role."}
      </p>
      {remove.isError ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800">
          {errorMessage(remove.error)}
        </p>
      ) : null}
    </ConfirmDialog>
  );
}
