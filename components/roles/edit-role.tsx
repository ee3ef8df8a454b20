"use client";

import { LoadedRecord } from "@/components/ui/loaded-record";
import { useRole } from "./queries";
import { RoleEditor } from "./role-editor";

export function EditRole({ id, justCreated }: { id: string; justCreated: boolean }) {
  return (
    <LoadedRecord query={useRole(id)} noun="role" listHref="/settings/roles" notFoundHint="It may have been deleted.">
      {(role) => <RoleEditor key={id} role={role} justCreated={justCreated} />}
    </LoadedRecord>
  );
}
