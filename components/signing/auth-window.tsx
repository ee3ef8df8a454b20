"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { accessCodeAction, sendSmsAction, smsCodeAction } from "@/app/sign/[token]/actions";
import type { ActionResult } from "@/lib/http/action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { controlClass } from "@/components/ui/form-field";

type Props = {
  token: string;
  providers: { id: string; name: string }[];
  accessCode: boolean;
  sms: boolean;
  failed: boolean;
};

/** The window before signing: one button per allowed provider, and the access / SMS code where the sender chose them. */
export function AuthWindow({ token, providers, accessCode, sms, failed }: Props) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [smsSent, setSmsSent] = useState(false);
  const act = (fn: () => Promise<ActionResult<unknown>>, after?: () => void) =>
    start(async () => {
      const result = await fn();
      if (!result.ok) return setMessage(result.message);
      setMessage(null);
      after?.();
      router.refresh();
    });
  return (
    <section aria-labelledby="auth-title" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="auth-title" className="text-lg font-semibold text-brand-900">
        Authenticate to sign
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        The sender asks you to confirm who you are before you see and sign the document.
      </p>
      {failed ? (
        <Alert tone="error" title="We could not confirm your identity" className="mt-4">
          The sign-in did not match what the sender expects. Try again, or choose another way to authenticate.
        </Alert>
      ) : null}
      {message ? (
        <Alert tone="error" className="mt-4">
          {message}
        </Alert>
      ) : null}
      {providers.length ? (
        <div className="mt-5">
          <h3 className="text-sm font-medium text-slate-800">OAuth Authorization Providers</h3>
          <ul className="mt-2 space-y-2">
            {providers.map((p) => (
              <li key={p.id}>
                <form method="post" action={`/sign/${token}/start`}>
                  <input type="hidden" name="providerId" value={p.id} />
                  <Button type="submit" className="w-full">
                    {failed ? `Try again with ${p.name}` : `Sign in with ${p.name}`}
                  </Button>
                </form>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {accessCode ? (
        <CodeForm
          id="access-code"
          label="Access code"
          button="Confirm access code"
          type="password"
          className="mt-5"
          pending={pending}
          onCode={(code) => act(() => accessCodeAction({ token, code }))}
        />
      ) : null}
      {sms ? (
        <div className="mt-5 space-y-2">
          <Button
            type="button"
            variant="secondary"
            disabled={pending}
            onClick={() =>
              act(
                () => sendSmsAction({ token }),
                () => setSmsSent(true),
              )
            }
          >
            {smsSent ? "Send a new SMS code" : "Send me an SMS code"}
          </Button>
          <CodeForm
            id="sms-code"
            label="SMS code"
            button="Confirm SMS code"
            inputMode="numeric"
            pending={pending}
            onCode={(code) => act(() => smsCodeAction({ token, code }))}
          />
        </div>
      ) : null}
    </section>
  );
}

/** One code field with its confirm button (access code, SMS code). */
function CodeForm({
  id,
  label,
  button,
  type = "text",
  inputMode,
  className = "",
  pending,
  onCode,
}: {
  id: string;
  label: string;
  button: string;
  type?: "text" | "password";
  inputMode?: "numeric";
  className?: string;
  pending: boolean;
  onCode: (code: string) => void;
}) {
  return (
    <form
      className={`space-y-2 ${className}`}
      onSubmit={(e) => {
        e.preventDefault();
        onCode(String(new FormData(e.currentTarget).get("code") ?? ""));
      }}
    >
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        name="code"
        type={type}
        inputMode={inputMode}
        autoComplete="one-time-code"
        required
        className={controlClass}
      />
      <Button type="submit" variant="secondary" disabled={pending}>
        {button}
      </Button>
    </form>
  );
}
