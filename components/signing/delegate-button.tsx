"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { delegateAction } from "@/app/sign/[token]/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { controlClass } from "@/components/ui/form-field";

/** DELEGATE (when the sender allows it): another person signs instead, after authenticating the same way. */
export function DelegateButton({ token }: { token: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [who, setWho] = useState({ email: "", firstName: "", lastName: "" });
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const field = (key: keyof typeof who, label: string) => (
    <label className="block text-sm font-medium text-slate-700">
      {label}
      <input
        value={who[key]}
        onChange={(e) => setWho({ ...who, [key]: e.target.value })}
        className={`${controlClass} mt-1`}
      />
    </label>
  );
  return (
    <div className="mt-3 space-y-2">
      <Button type="button" variant="secondary" onClick={() => setOpen(true)}>
        Delegate
      </Button>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title="Hand this signing over?"
        confirmLabel="Delegate"
        tone="primary"
        pending={pending}
        confirmDisabled={!who.email.trim()}
        onConfirm={() =>
          start(async () => {
            const result = await delegateAction({ token, ...who });
            setOpen(false);
            setError(result.ok ? null : result.message);
            router.refresh();
          })
        }
      >
        <p>The person you name gets their own signing link and authenticates the same way; your link stops working.</p>
        {field("email", "Email")}
        {field("firstName", "First name")}
        {field("lastName", "Last name")}
      </ConfirmDialog>
    </div>
  );
}
