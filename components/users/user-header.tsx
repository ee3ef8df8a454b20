import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import type { UserJson } from "@/lib/users/user-json";
import { When } from "@/components/ui/when";

export function UserHeader({ user }: { user: UserJson | undefined }) {
  const name = user ? [user.firstName, user.lastName].filter(Boolean).join(" ") : "";
  return (
    <header>
      <Link
        href="/settings/users"
        className="inline-flex items-center gap-1.5 text-sm font-medium text-brand-700 hover:underline"
      >
        <ArrowLeft aria-hidden className="h-4 w-4" />
        Users
      </Link>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold break-all text-brand-900">{user ? user.email : "New user"}</h1>
        {user && !user.enabled ? (
          <span className="rounded-full bg-slate-200 px-2.5 py-0.5 text-xs font-semibold text-slate-700 uppercase">
            Disabled
          </span>
        ) : null}
      </div>
      <p className="mt-1 text-sm text-slate-500">
        {user ? (
          <>
            {`${name ? `${name} · ` : ""}${user.passwordSet ? "Has a password" : "No password: signs in through an identity provider"} · Last change `}
            <When value={user.updatedAt} />
          </>
        ) : (
          "A person of the organisation who signs in to this app, with a password or through an identity provider."
        )}
      </p>
    </header>
  );
}
