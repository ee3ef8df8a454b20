"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiRequest, errorMessage } from "@/components/data/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** SEND on a saved draft, after a confirmation. */
export function SendDraftButton({ envelopeId }: { envelopeId: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const send = useMutation({
    mutationFn: () => apiRequest(`/api/v6/envelope/${envelopeId}/send`, { method: "POST" }),
    onSettled: () => setOpen(false),
    onSuccess: () => router.refresh(),
  });
  return (
    <div className="flex items-center gap-3">
      <Button type="button" disabled={send.isPending} onClick={() => setOpen(true)}>
        Send
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title="Send this envelope?"
        confirmLabel="Send"
        tone="primary"
        pending={send.isPending}
        onConfirm={() => send.mutate()}
      >
        <p>The signers of the first step are mailed their signing links at once.</p>
      </ConfirmDialog>
      {send.isError ? <Alert tone="error">{errorMessage(send.error)}</Alert> : null}
    </div>
  );
}
