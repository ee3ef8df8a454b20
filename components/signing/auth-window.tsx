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
  /** This browser's last provider refusal: the provider and who signed in there. */
  refusal: { providerId: string; presented: string | null } | null;
};

/**
 * The window before signing: one button per allowed provider, and the access / SMS code where the
 * sender chose them. After a refusal: who signed in, "Try again" with the refused provider (its
 * sign-in form shown again, prompt=login) and every other allowed way under "Other ways to authenticate".
 */
export function AuthWindow({ token, providers, accessCode, sms, failed: failedParam, refusal }: Props) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [smsSent, setSmsSent] = useState(false);
  const failed = failedParam || refusal !== null;
  const refused = providers.find((p) => p.id === refusal?.providerId);
  // The refused provider first; without one known, every provider is a retry.
  const retries = failed ? (refused ? [refused] : providers) : [];
  const others = providers.filter((p) => !retries.includes(p));
  const othersShown = failed && (others.length > 0 || accessCode || sms);
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
          {refused && refusal?.presented ? (
            <>
              You signed in at {refused.name} as <strong className="break-all">{refusal.presented}</strong>, who is not
              the person the sender asked to sign.{" "}
            </>
          ) : (
            "The sign-in did not match what the sender expects. "
          )}
          {othersShown
            ? "Try again and sign in as yourself, or use one of the other ways below."
            : "Try again and sign in as yourself."}
        </Alert>
      ) : null}
      {message ? (
        <Alert tone="error" className="mt-4">
          {message}
        </Alert>
      ) : null}
      {retries.length ? (
        <ul className="mt-5 space-y-2" aria-label="Try again">
          {retries.map((p) => (
            <li key={p.id}>
              <ProviderForm token={token} provider={p} label={`Try again with ${p.name}`} freshLogin />
            </li>
          ))}
        </ul>
      ) : null}
      {othersShown ? (
        <h3 className="mt-6 border-t border-slate-200 pt-4 text-sm font-semibold text-slate-800">
          Other ways to authenticate
        </h3>
      ) : null}
      {others.length ? (
        <div className={failed ? "mt-3" : "mt-5"}>
          <h3 className="text-sm font-medium text-slate-800">OAuth Authorization Providers</h3>
          <ul className="mt-2 space-y-2">
            {others.map((p) => (
              <li key={p.id}>
                {/* After a refusal another provider may share the same IdP session: it asks who signs in too. */}
                <ProviderForm token={token} provider={p} label={`Sign in with ${p.name}`} freshLogin={failed} />
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

/** One provider's button: a same-origin POST that starts the flow (prompt=login when the IdP must ask who signs in). */
function ProviderForm({
  token,
  provider,
  label,
  freshLogin,
}: {
  token: string;
  provider: { id: string; name: string };
  label: string;
  freshLogin: boolean;
}) {
  return (
    <form method="post" action={`/sign/${token}/start`}>
      <input type="hidden" name="providerId" value={provider.id} />
      {freshLogin ? <input type="hidden" name="prompt" value="login" /> : null}
      <Button type="submit" className="w-full">
        {label}
      </Button>
    </form>
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
