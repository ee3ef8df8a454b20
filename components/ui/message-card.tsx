import type { ReactNode } from "react";
import { LinkButton } from "./link-button";

/**
 * The one card for pages a person reaches outside the app's shell (a bind link's result, a
 * sign-in that could not complete, an unknown address): the logo, what happened, what to do next.
 */
export function MessageCard({
  eyebrow,
  title,
  children,
  action,
}: {
  eyebrow?: string;
  title: string;
  children: ReactNode;
  action?: { href: string; label: string };
}) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        {/* eslint-disable-next-line @next/next/no-img-element -- a 32 px SVG: nothing for next/image to optimise */}
        <img src="/logo.svg" alt="" width={32} height={32} className="mb-4" />
        {eyebrow ? <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">{eyebrow}</p> : null}
        <h1 className="mt-1 text-xl font-semibold text-brand-900">{title}</h1>
        <div className="mt-2 space-y-3 text-sm text-slate-600">{children}</div>
        {action ? (
          <LinkButton href={action.href} className="mt-6 w-full">
            {action.label}
          </LinkButton>
        ) : null}
      </div>
    </main>
  );
}
