"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { rejectAction } from "@/app/sign/[token]/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ReasonField } from "@/components/ui/reason-field";

/** REJECT: the signer declines to sign, with a reason; the envelope is closed and the sender told. */
export function RejectButton({ token }: { token: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <div className="mt-6 space-y-2">
      <Button type="button" variant="secondary" onClick={() => setOpen(true)}>
        Reject
      </Button>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title="Reject this envelope?"
        confirmLabel="Reject"
        pending={pending}
        confirmDisabled={!reason.trim()}
        onConfirm={() =>
          start(async () => {
            const result = await rejectAction({ token, reason });
            setOpen(false);
            setError(result.ok ? null : result.message);
            router.refresh();
          })
        }
      >
        <p>Nobody will be able to sign it any more. The sender is told, with your reason.</p>
        <ReasonField value={reason} onChange={setReason} />
      </ConfirmDialog>
    </div>
  );
}
