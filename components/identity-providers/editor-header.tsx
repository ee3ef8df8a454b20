"use client";

import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import type { ProviderJson } from "@/lib/identity-providers/provider-json";
import { KindBadge } from "./kind-badge";
import { When } from "@/components/ui/when";

export function EditorHeader({ provider }: { provider: ProviderJson | undefined }) {
  return (
    <header>
      <Link
        href="/settings/identity-providers"
        className="inline-flex items-center gap-1.5 text-sm font-medium text-brand-700 hover:underline"
      >
        <ArrowLeft aria-hidden className="h-4 w-4" />
        Identity Providers
      </Link>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold break-all text-brand-900">
          {provider ? provider.name : "New identity provider"}
        </h1>
        {provider ? <KindBadge kind={provider.kind} /> : null}
        {provider ? (
          // A real flow in a new tab: the admin signs in at the provider and reads a step-by-step report.
          // A form POST (the browser sends the Origin the route checks), never a link another site could fire.
          <div className="ml-auto flex flex-wrap items-center gap-2">
            <form method="post" action={`/oauth/start/test/${provider.id}`} target="_blank">
              <button
                type="submit"
                className="inline-flex items-center rounded-md border border-brand-600 px-4 py-2 text-sm font-medium tracking-wide text-brand-700 uppercase hover:bg-brand-50"
              >
                Test connection
              </button>
            </form>
            {/* The same test with prompt=login: the provider asks who signs in, even with a live session there. */}
            <form method="post" action={`/oauth/start/test/${provider.id}?prompt=login`} target="_blank">
              <button
                type="submit"
                className="inline-flex items-center rounded-md px-3 py-2 text-sm font-medium text-brand-700 hover:bg-brand-50 hover:underline"
              >
                Sign in as someone else
              </button>
            </form>
          </div>
        ) : null}
      </div>
      <p className="mt-1 text-sm text-slate-500">
        {provider ? (
          <>
            Last change <When value={provider.updatedAt} />.
          </>
        ) : (
          "An OAuth 2.0 / OpenID Connect provider through which signers and users authenticate. Start from the provider's discovery document, or fill in the settings by hand."
        )}
      </p>
    </header>
  );
}
