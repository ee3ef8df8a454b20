"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { apiRequest, errorMessage } from "@/components/data/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** SEND on a saved draft. */
export function SendDraftButton({ envelopeId }: { envelopeId: string }) {
  const router = useRouter();
  const send = useMutation({
    mutationFn: () => apiRequest(`/api/v6/envelope/${envelopeId}/send`, { method: "POST" }),
    onSuccess: () => router.refresh(),
  });
  return (
    <div className="flex items-center gap-3">
      <Button type="button" disabled={send.isPending} onClick={() => send.mutate()}>
        Send
      </Button>
      {send.isError ? <Alert tone="error">{errorMessage(send.error)}</Alert> : null}
    </div>
  );
}
