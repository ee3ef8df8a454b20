"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiError, apiRequest, errorMessage } from "@/components/data/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

const DAY_MS = 86_400_000;
const failure = (err: unknown) =>
  err instanceof ApiError && err.details.length
    ? `${err.message}: ${err.details.map((d) => d.message).join("; ")}`
    : errorMessage(err);

/** Resend (a new signing link) and Unlock (after too many wrong codes) for one recipient of a sent envelope. */
export function RecipientActions({
  envelopeId,
  recipientId,
  email,
  canResend,
  locked,
}: {
  envelopeId: string;
  recipientId: string;
  email: string;
  canResend: boolean;
  locked: boolean;
}) {
  const router = useRouter();
  const [done, setDone] = useState<string | null>(null);
  const base = `/api/v6/envelope/${envelopeId}/recipients/${recipientId}`;
  const act = useMutation({
    mutationFn: (action: "resend" | "unlock") => apiRequest(`${base}/${action}`, { method: "POST" }).then(() => action),
    onMutate: () => setDone(null),
    onSuccess: (action) => {
      setDone(
        action === "resend"
          ? `Invitation sent again to ${email}. The previous link no longer works.`
          : `${email} is unlocked: the attempts start again.`,
      );
      router.refresh();
    },
  });
  if (!canResend && !locked && !done) return null;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {canResend ? (
          <Button
            type="button"
            variant="secondary"
            className="px-2 py-1 text-xs"
            disabled={act.isPending}
            onClick={() => act.mutate("resend")}
            aria-label={`Resend invitation to ${email}`}
          >
            Resend
          </Button>
        ) : null}
        {locked ? (
          <Button
            type="button"
            variant="secondary"
            className="px-2 py-1 text-xs"
            disabled={act.isPending}
            onClick={() => act.mutate("unlock")}
            aria-label={`Unlock ${email}`}
          >
            Unlock
          </Button>
        ) : null}
      </div>
      {done ? <Alert tone="success">{done}</Alert> : null}
      {act.isError ? <Alert tone="error">{failure(act.error)}</Alert> : null}
    </div>
  );
}

/** EXTEND: a new expiry some days from now; an expired envelope can be signed again. */
export function ExtendEnvelopeForm({ envelopeId }: { envelopeId: string }) {
  const router = useRouter();
  const [days, setDays] = useState("7");
  const [done, setDone] = useState<string | null>(null);
  const extend = useMutation({
    mutationFn: (expiresAt: string) =>
      apiRequest<{ ExpiresAt: string }>(`/api/v6/envelope/${envelopeId}/extend`, {
        method: "POST",
        body: { ExpiresAt: expiresAt },
      }),
    onMutate: () => setDone(null),
    onSuccess: (r) => {
      setDone(`Expiry extended to ${r.ExpiresAt.slice(0, 16).replace("T", " ")} UTC.`);
      router.refresh();
    },
  });
  return (
    <form
      className="flex flex-wrap items-center gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        extend.mutate(new Date(Date.now() + Number(days) * DAY_MS).toISOString());
      }}
    >
      <label className="flex items-center gap-2 text-sm text-slate-700">
        Extend by
        <input
          type="number"
          min={1}
          max={365}
          required
          value={days}
          onChange={(e) => setDays(e.target.value)}
          className="w-20 rounded-md border border-slate-300 px-2 py-1"
          aria-label="Days from now"
        />
        day(s) from now
      </label>
      <Button type="submit" variant="secondary" disabled={extend.isPending}>
        Extend
      </Button>
      {done ? <Alert tone="success">{done}</Alert> : null}
      {extend.isError ? <Alert tone="error">{failure(extend.error)}</Alert> : null}
    </form>
  );
}
