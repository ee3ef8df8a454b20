"use client";

import { LoaderCircle } from "lucide-react";
import { ApiError, errorMessage } from "@/components/identity-providers/api";
import { Alert } from "@/components/ui/alert";
import { LinkButton } from "@/components/ui/link-button";
import { useRole } from "./queries";
import { RoleEditor } from "./role-editor";

export function EditRole({ id, justCreated }: { id: string; justCreated: boolean }) {
  const query = useRole(id);
  if (query.data) return <RoleEditor key={id} role={query.data} justCreated={justCreated} />;
  if (query.isPending) {
    return (
      <p role="status" className="flex items-center gap-2 py-12 text-sm text-slate-500">
        <LoaderCircle aria-hidden className="h-4 w-4 animate-spin" /> Loading the role…
      </p>
    );
  }
  const notFound = query.error instanceof ApiError && query.error.status === 404;
  return (
    <div className="space-y-4">
      <Alert tone="error" title={notFound ? "This role does not exist" : "The role could not be loaded"}>
        {notFound ? "It may have been deleted." : errorMessage(query.error)}
      </Alert>
      <LinkButton href="/settings/roles" variant="secondary">
        Back to the roles
      </LinkButton>
    </div>
  );
}
