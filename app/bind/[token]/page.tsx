import type { Metadata } from "next";
import { getCurrentUser } from "@/lib/auth/current-user";
import { findInvitation } from "@/lib/bindings/find-invitation";
import { pageCtx } from "@/lib/http/page-ctx";
import { When } from "@/components/ui/when";

// Its Referrer-Policy (same-origin, for the token in the URL) is set with the signing page's in next.config.mjs.
export const metadata: Metadata = { title: "Connect your account" };

const REASONS = {
  unknown: "This link is not valid. Ask your administrator to send a new invitation.",
  expired: "This link has expired. Ask your administrator to send a new invitation.",
  used: "This link was already used or replaced by a newer one. Use the newest invitation you received.",
} as const;

/** The binding link's page: says which account and which provider; nothing happens until the person confirms (POST). */
export default async function BindPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await findInvitation((await pageCtx()).db, token);
  const current = await getCurrentUser();
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold text-brand-900">Connect your account</h1>
        {invitation.ok ? (
          <>
            <p className="mt-3 text-sm text-slate-700">
              This connects the account <strong>{invitation.email}</strong> to your identity at{" "}
              <strong>{invitation.providerName}</strong>. You will sign in there; afterwards you sign in here with{" "}
              {invitation.providerName}.
            </p>
            {current && current.email.toLowerCase() !== invitation.email.toLowerCase() ? (
              <p role="note" className="mt-3 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
                You are signed in here as {current.email}. This link connects {invitation.email}, not your account.
              </p>
            ) : null}
            <form method="post" action={`/bind/${token}/start`} className="mt-6">
              <button
                type="submit"
                className="w-full rounded-md bg-brand-600 px-4 py-2 text-sm font-medium tracking-wide text-white uppercase hover:bg-brand-700"
              >
                Continue to {invitation.providerName}
              </button>
            </form>
            <p className="mt-3 text-xs text-slate-500">
              The link works until <When value={invitation.expiresAt} />.
            </p>
          </>
        ) : (
          <p role="alert" className="mt-3 text-sm text-slate-700">
            {REASONS[invitation.reason]}
          </p>
        )}
      </div>
    </main>
  );
}
