"use client";

import { LoaderCircle } from "lucide-react";
import type { ReactNode } from "react";
import { ApiError, errorMessage } from "@/components/identity-providers/api";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { LinkButton } from "@/components/ui/link-button";
import { useUser } from "./queries";
import { UserForm } from "./user-form";

/** Loads the user, then hands them to the form (which keeps its own state from then on). */
export function EditUser({ id, readOnly, justCreated, currentUserId, oauthSlot }: { id: string; readOnly: boolean; justCreated: boolean; currentUserId: string; oauthSlot: ReactNode }) {
  const query = useUser(id);
  if (query.data) return <UserForm key={id} user={query.data} readOnly={readOnly} justCreated={justCreated} isSelf={query.data.id === currentUserId} oauthSlot={oauthSlot} />;
  if (query.isPending) {
    return (
      <p role="status" className="flex items-center gap-2 py-12 text-sm text-slate-500">
        <LoaderCircle aria-hidden className="h-4 w-4 animate-spin" />
        Loading the user…
      </p>
    );
  }
  const notFound = query.error instanceof ApiError && query.error.status === 404;
  return (
    <div className="space-y-4">
      <Alert tone="error" title={notFound ? "This user does not exist" : "The user could not be loaded"}>
        {notFound ? "Check the link, or find the user in the list." : errorMessage(query.error)}
      </Alert>
      <div className="flex gap-2">
        <LinkButton href="/settings/users" variant="secondary">
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
