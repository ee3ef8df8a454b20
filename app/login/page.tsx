import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { loginPageProviders } from "@/lib/identity-providers/login-providers";
import { getCurrentUser } from "@/lib/auth/current-user";
import { safeReturnPath } from "@/lib/net/safe-return";
import { hrefWith } from "@/lib/http/href-with";
import { pageCtx } from "@/lib/http/page-ctx";
import { ownEntry } from "@/lib/validation/own-entry";

export const metadata: Metadata = { title: "Sign in" };

const LOGIN_ERRORS = {
  oauth_unknown:
    "This identity is not connected to an account here. Ask your administrator for an invitation to connect it.",
  oauth_failed: "The sign-in at your identity provider did not succeed. Please try again.",
  oauth_unavailable: "This sign-in option is not available.",
} as const;

// Fixed sentences picked by a code: nothing from the URL is shown.
const SIGNED_OUT = {
  "1": "You have been signed out.",
  provider: "You have been signed out, here and at your identity provider.",
  local:
    "You have been signed out of this app. Your identity provider has no sign-out address configured here, so you may still be signed in there.",
  unconfirmed:
    "You have been signed out of this app. The identity provider's answer could not be matched to this sign-out; if you share this computer, sign out at the provider too.",
} as const;

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const returnTo = safeReturnPath(params.callbackUrl ?? params.returnTo);
  if (await getCurrentUser()) redirect(returnTo);
  const providers = await loginPageProviders((await pageCtx()).db);
  const signedOut = params.signedOut ? ownEntry(SIGNED_OUT, params.signedOut, SIGNED_OUT["1"]) : null;
  const error = params.error ? ownEntry(LOGIN_ERRORS, params.error, LOGIN_ERRORS.oauth_failed) : null;
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="mb-1 text-xl font-semibold text-brand-900">Sign in</h1>
        <p className="mb-6 text-sm text-slate-500">Signer Auth administration</p>
        {signedOut ? (
          <p role="status" className="mb-4 rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
            {signedOut}
          </p>
        ) : null}
        {error ? (
          <p role="alert" className="mb-4 rounded bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        ) : null}
        <LoginForm returnTo={returnTo} />
        {providers.length ? (
          <div className="mt-6 space-y-2 border-t border-slate-200 pt-6">
            <p className="text-center text-xs tracking-wide text-slate-500 uppercase">or sign in with</p>
            {providers.map((p) => (
              <a
                key={p.id}
                href={hrefWith(`/oauth/login/${p.id}`, { returnTo })}
                className="block rounded-md border border-slate-300 px-4 py-2 text-center text-sm font-medium text-slate-800 hover:bg-slate-50"
              >
                Sign in with {p.name}
              </a>
            ))}
          </div>
        ) : null}
      </div>
    </main>
  );
}
