"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/http/action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { controlClass } from "@/components/ui/form-field";

type Props = {
  action: (state: ActionResult<unknown> | null, form: FormData) => Promise<ActionResult<unknown>>;
  heading: string;
  text: string;
};

/** The default agreement's heading and text. */
export function AgreementForm({ action, heading, text }: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="max-w-3xl space-y-3 rounded-lg border border-slate-200 bg-white p-5">
      <label className="block space-y-1 text-sm font-medium text-slate-800">
        <span>Heading</span>
        <input name="Heading" defaultValue={heading} maxLength={200} className={controlClass} />
      </label>
      <label className="block space-y-1 text-sm font-medium text-slate-800">
        <span>Agreement text</span>
        <textarea name="Text" defaultValue={text} rows={8} className={controlClass} />
      </label>
      {state && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
      {state?.ok ? <Alert tone="success">Saved. Signers see the new text from now on.</Alert> : null}
      <Button type="submit" disabled={pending}>
        Save
      </Button>
    </form>
  );
}
