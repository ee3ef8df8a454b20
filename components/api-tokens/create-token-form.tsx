"use client";

import { useActionState } from "react";
import { createTokenAction } from "@/app/(app)/settings/api-tokens/actions";
import type { ActionResult } from "@/lib/http/action";
import { Button } from "@/components/ui/button";
import { API_TOKEN_DEFAULT_DAYS, API_TOKEN_MAX_DAYS } from "@/lib/auth/schema";

export function CreateTokenForm() {
  const [state, action, pending] = useActionState<ActionResult<{ token: string; name: string }> | null, FormData>(
    createTokenAction,
    null,
  );
  return (
    <div className="mb-6 rounded-lg border border-slate-200 bg-white p-5">
      <form action={action} className="flex items-end gap-3">
        <label className="flex-1 text-sm font-medium text-slate-700">
          Token name
          <input
            name="name"
            required
            maxLength={100}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
            placeholder="e.g. CRM integration"
          />
        </label>
        <label className="w-36 text-sm font-medium text-slate-700">
          Expires in (days)
          <input
            name="expiresInDays"
            type="number"
            required
            min={1}
            max={API_TOKEN_MAX_DAYS}
            defaultValue={API_TOKEN_DEFAULT_DAYS}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
        </label>
        <label className="flex items-center gap-2 pb-2 text-sm font-medium text-slate-700">
          <input name="readOnly" type="checkbox" className="h-4 w-4 rounded border-slate-300" />
          Read-only
        </label>
        <Button type="submit" disabled={pending}>
          Create token
        </Button>
      </form>
      {state?.ok ? (
        <div
          role="status"
          className="mt-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900"
        >
          <p>
            Token “{state.data.name}” created. Copy it now: it is shown only once. Send it as{" "}
            <code>Authorization: Bearer …</code>.
          </p>
          <input
            readOnly
            aria-label="New API token"
            value={state.data.token}
            className="mt-2 block w-full rounded border border-emerald-300 bg-white px-2 py-1 font-mono text-xs"
          />
        </div>
      ) : state ? (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
