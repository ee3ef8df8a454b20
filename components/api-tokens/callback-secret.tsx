"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/http/action";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyField } from "@/components/ui/copy-field";

/** The instance's callback signing secret: copy it into the integration; rotate it (asks first). */
export function CallbackSecret({
  secret,
  rotate,
}: {
  secret: string;
  rotate: (input: Record<string, never>) => Promise<ActionResult<null>>;
}) {
  const [open, setOpen] = useState(false);
  const [pending, start] = useTransition();
  return (
    <section className="my-6 max-w-3xl space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="text-sm font-semibold text-slate-800">Status callback signing secret</h2>
      <p className="text-sm text-slate-500">
        Every call to an envelope&apos;s StatusUpdateCallbackUrl or CallbackUrl carries{" "}
        <code>X-SignerAuth-Signature: t=&lt;timestamp&gt;,v1=&lt;hex&gt;</code>, an HMAC-SHA256 of{" "}
        <code>&lt;timestamp&gt;.&lt;body&gt;</code> with this secret. Verify it before trusting a call.
      </p>
      <CopyField label="Secret" value={secret} />
      <Button type="button" variant="secondary" onClick={() => setOpen(true)}>
        Rotate
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title="Rotate the callback signing secret?"
        confirmLabel="Rotate"
        pending={pending}
        onConfirm={() =>
          start(async () => {
            await rotate({});
            setOpen(false);
          })
        }
      >
        <p>Calls are signed with the new secret at once: receivers that check the old one refuse them until updated.</p>
      </ConfirmDialog>
    </section>
  );
}
