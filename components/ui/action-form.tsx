"use client";

import { useActionState, type ReactNode } from "react";
import type { ActionResult } from "@/lib/http/action";

type Props = {
  action: (state: ActionResult<unknown> | null, form: FormData) => Promise<ActionResult<unknown>>;
  className?: string;
  children: ReactNode;
};

/** A form posting to a wrapped server action; a refusal is said beside it instead of vanishing. */
export function ActionForm({ action, className, children }: Props) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className={className}>
      {children}
      {state && !state.ok ? (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
