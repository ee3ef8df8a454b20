"use client";

import type { ReactNode } from "react";
import { LoadedRecord } from "@/components/ui/loaded-record";
import { useUser } from "./queries";
import { UserForm } from "./user-form";

/** Loads the user, then hands them to the form (which keeps its own state from then on). */
export function EditUser({
  id,
  readOnly,
  justCreated,
  currentUserId,
  oauthSlot,
}: {
  id: string;
  readOnly: boolean;
  justCreated: boolean;
  currentUserId: string;
  oauthSlot: ReactNode;
}) {
  return (
    <LoadedRecord
      query={useUser(id)}
      noun="user"
      listHref="/settings/users"
      notFoundHint="Check the link, or find the user in the list."
    >
      {(user) => (
        <UserForm
          key={id}
          user={user}
          readOnly={readOnly}
          justCreated={justCreated}
          isSelf={user.id === currentUserId}
          oauthSlot={oauthSlot}
        />
      )}
    </LoadedRecord>
  );
}
