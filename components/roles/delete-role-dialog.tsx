"use client";

import { DeleteRecordDialog } from "@/components/ui/delete-record-dialog";
import type { RoleJson } from "@/lib/users/role-json";
import { useDeleteRole } from "./queries";

/** Confirms a delete, saying whom it affects; the server refuses to delete the last administrators' role. */
export function DeleteRoleDialog({
  role,
  ...handlers
}: {
  role: RoleJson | null;
  onClose: () => void;
  onDeleted: (name: string) => void;
}) {
  return (
    <DeleteRecordDialog record={role} noun="role" remove={useDeleteRole()} {...handlers}>
      <p>
        {role?.userCount
          ? `${role.userCount} ${role.userCount === 1 ? "user holds" : "users hold"} this role and will lose the permissions it gives.`
          : "No user holds this role."}
      </p>
    </DeleteRecordDialog>
  );
}
