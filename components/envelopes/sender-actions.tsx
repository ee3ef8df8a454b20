"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiError, apiRequest, errorMessage } from "@/components/data/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ReasonField } from "@/components/ui/reason-field";

const DAY_MS = 86_400_000;
const failure = (err: unknown) =>
  err instanceof ApiError && err.details.length
    ? `${err.message}: ${err.details.map((d) => d.message).join("; ")}`
    : errorMessage(err);

/** Resend (a new signing link) and Unlock (after too many wrong codes) for one recipient of a sent envelope; each asks first. */
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
  const [asking, setAsking] = useState<"resend" | "unlock" | null>(null);
  const base = `/api/v6/envelope/${envelopeId}/recipients/${recipientId}`;
  const act = useMutation({
    mutationFn: (action: "resend" | "unlock") => apiRequest(`${base}/${action}`, { method: "POST" }).then(() => action),
    onMutate: () => setDone(null),
    onSettled: () => setAsking(null),
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
            onClick={() => setAsking("resend")}
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
            onClick={() => setAsking("unlock")}
            aria-label={`Unlock ${email}`}
          >
            Unlock
          </Button>
        ) : null}
      </div>
      {done ? <Alert tone="success">{done}</Alert> : null}
      {act.isError ? <Alert tone="error">{failure(act.error)}</Alert> : null}
      <ConfirmDialog
        open={asking !== null}
        onOpenChange={(open) => (open ? null : setAsking(null))}
        title={asking === "unlock" ? `Unlock ${email}?` : `Resend the invitation to ${email}?`}
        confirmLabel={asking === "unlock" ? "Unlock" : "Resend"}
        tone="primary"
        pending={act.isPending}
        onConfirm={() => asking && act.mutate(asking)}
      >
        {asking === "unlock" ? (
          <p>The wrong-code count starts again, so {email} can try the code once more.</p>
        ) : (
          <p>A new signing link is mailed; the previous link stops working.</p>
        )}
      </ConfirmDialog>
    </div>
  );
}

/** EXTEND: a new expiry some days from now; an expired envelope can be signed again. */
export function ExtendEnvelopeForm({ envelopeId }: { envelopeId: string }) {
  const router = useRouter();
  const [days, setDays] = useState("7");
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const extend = useMutation({
    mutationFn: (expiresAt: string) =>
      apiRequest<{ ExpiresAt: string }>(`/api/v6/envelope/${envelopeId}/extend`, {
        method: "POST",
        body: { ExpiresAt: expiresAt },
      }),
    onMutate: () => setDone(null),
    onSettled: () => setAsking(false),
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
        setAsking(true);
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
      <ConfirmDialog
        open={asking}
        onOpenChange={setAsking}
        title="Extend the expiry?"
        confirmLabel="Extend"
        tone="primary"
        pending={extend.isPending}
        onConfirm={() => extend.mutate(new Date(Date.now() + Number(days) * DAY_MS).toISOString())}
      >
        <p>The envelope and its open signing links then expire {days} day(s) from now.</p>
      </ConfirmDialog>
    </form>
  );
}

/** CANCEL a sent envelope, with a reason: its links stop working and the signers whose turn it was are told. */
export function CancelEnvelopeButton({ envelopeId }: { envelopeId: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const cancel = useMutation({
    mutationFn: () =>
      apiRequest(`/api/v6/envelope/${envelopeId}/cancel`, { method: "POST", body: { Reason: reason.trim() } }),
    onSuccess: () => {
      setOpen(false);
      router.refresh();
    },
  });
  return (
    <div className="space-y-2">
      <Button type="button" variant="danger" onClick={() => setOpen(true)}>
        Cancel envelope
      </Button>
      {cancel.isError && !open ? <Alert tone="error">{failure(cancel.error)}</Alert> : null}
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title="Cancel this envelope?"
        confirmLabel="Cancel envelope"
        cancelLabel="Keep it"
        pending={cancel.isPending}
        confirmDisabled={!reason.trim()}
        onConfirm={() => cancel.mutate()}
      >
        <p>Its signing links stop working and the signers whose turn it is are told, with your reason.</p>
        <ReasonField value={reason} onChange={setReason} />
        {cancel.isError ? <Alert tone="error">{failure(cancel.error)}</Alert> : null}
      </ConfirmDialog>
    </div>
  );
}

/** DELETE a draft (never a sent envelope). */
export function DeleteDraftButton({ envelopeId, name }: { envelopeId: string; name: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const remove = useMutation({
    mutationFn: () => apiRequest(`/api/v6/envelope/${envelopeId}`, { method: "DELETE" }),
    onSuccess: () => router.push("/documents"),
  });
  return (
    <>
      <Button type="button" variant="danger" onClick={() => setOpen(true)}>
        Delete draft
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={`Delete the draft "${name}"?`}
        confirmLabel="Delete"
        pending={remove.isPending}
        onConfirm={() => remove.mutate()}
      >
        <p>The draft and its recipients are deleted; your uploaded documents stay.</p>
        {remove.isError ? <Alert tone="error">{failure(remove.error)}</Alert> : null}
      </ConfirmDialog>
    </>
  );
}
