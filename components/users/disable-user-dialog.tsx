"use client";

import { errorMessage } from "@/components/data/api-client";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { UserJson } from "@/lib/users/user-json";
import { useSetUserEnabled } from "./queries";

/** Disabling ends the user's sessions at once: asked before it is done. */
export function DisableUserDialog({
  user,
  onClose,
  onDisabled,
}: {
  user: UserJson | null;
  onClose: () => void;
  onDisabled: (user: UserJson) => void;
}) {
  const setEnabled = useSetUserEnabled();
  const close = () => {
    setEnabled.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={user !== null}
      onOpenChange={(open) => !open && close()}
      title={`Disable ${user?.email ?? ""}?`}
      confirmLabel="Disable"
      pending={setEnabled.isPending}
      onConfirm={() =>
        user &&
        setEnabled.mutate(
          { id: user.id, enabled: false },
          {
            onSuccess: () => {
              onDisabled(user);
              close();
            },
          },
        )
      }
    >
      <p>
        They can no longer sign in, with a password or through a provider, and every session they have open ends now.
      </p>
      {setEnabled.isError ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800">
          {errorMessage(setEnabled.error)}
        </p>
      ) : null}
    </ConfirmDialog>
  );
}
