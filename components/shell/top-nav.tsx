import Link from "next/link";
import { signOutAction } from "@/app/(app)/actions";
import { NavLink } from "./nav-link";
import { ActionForm } from "@/components/ui/action-form";
import type { PageEntry } from "@/lib/auth/pages";

/** `items`: the main menu's entries this person may open (menuEntries in lib/auth/pages.ts). */
export function TopNav({ userName, userEmail, items }: { userName: string; userEmail: string; items: PageEntry[] }) {
  return (
    <header className="bg-brand-900 text-white">
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-6 px-4">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
          {/* eslint-disable-next-line @next/next/no-img-element -- a 24 px SVG: nothing for next/image to optimise */}
          <img src="/logo.svg" alt="" width={24} height={24} />
          Signer Auth
        </Link>
        <nav aria-label="Main" className="flex flex-1 gap-1">
          {items.map((item) => (
            <NavLink key={item.href} href={item.href} exact={item.exact} variant="top">
              {item.label.toUpperCase()}
            </NavLink>
          ))}
        </nav>
        <div className="flex items-center gap-3 text-sm">
          <span className="hidden text-brand-100 sm:inline" title={userEmail}>
            {userName || userEmail}
          </span>
          <ActionForm action={signOutAction}>
            <button
              type="submit"
              className="rounded px-3 py-1.5 text-xs font-medium tracking-wide uppercase hover:bg-white/10"
            >
              Sign out
            </button>
          </ActionForm>
        </div>
      </div>
    </header>
  );
}
