"use client";

import { useActionState } from "react";
import { changePasswordAction } from "@/app/(app)/settings/account/actions";
import type { ActionResult } from "@/lib/http/action";
import { Button } from "@/components/ui/button";

const INPUT = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";

/** Settings → Account → Password: the current one (when there is one) and the new one twice. */
export function ChangePasswordForm({ hasPassword }: { hasPassword: boolean }) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(changePasswordAction, null);
  return (
    <form action={action} className="max-w-xl space-y-3">
      {hasPassword ? (
        <label className="block text-sm font-medium text-slate-700">
          Current password
          <input name="currentPassword" type="password" autoComplete="current-password" required className={INPUT} />
        </label>
      ) : (
        <p className="text-sm text-slate-500">
          Your account has no password yet: you sign in through a provider. You can set one here.
        </p>
      )}
      <label className="block text-sm font-medium text-slate-700">
        New password
        <NewPasswordInput name="newPassword" />
      </label>
      <label className="block text-sm font-medium text-slate-700">
        Repeat the new password
        <NewPasswordInput name="confirmPassword" />
      </label>
      <p className="text-xs text-slate-500">
        At least 12 characters. Whether you may sign in with it is set by your roles (“User can use a password to
        logon”).
      </p>
      <Button type="submit" disabled={pending}>
        Change password
      </Button>
      {state ? (
        <p role={state.ok ? "status" : "alert"} className={`text-sm ${state.ok ? "text-emerald-800" : "text-red-700"}`}>
          {state.ok ? "Your password was changed." : state.message}
        </p>
      ) : null}
    </form>
  );
}

/** A new password: 12 to 1024 characters (the server checks the same). */
function NewPasswordInput({ name }: { name: "newPassword" | "confirmPassword" }) {
  return (
    <input
      name={name}
      type="password"
      autoComplete="new-password"
      required
      minLength={12}
      maxLength={1024}
      className={INPUT}
    />
  );
}
