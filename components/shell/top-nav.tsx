import Link from "next/link";
import { signOutAction } from "@/app/(app)/actions";
import { NavLink } from "./nav-link";
import { ActionForm } from "@/components/ui/action-form";
import type { PageEntry } from "@/lib/auth/pages";

/** `items`: the main menu's entries this person may open (menuEntries in lib/auth/pages.ts). */
export function TopNav({ userName, userEmail, items }: { userName: string; userEmail: string; items: PageEntry[] }) {
  return (
    <header className="bg-brand-900 text-white">
      {/* On a phone the menu takes a second row, under the name and Sign out (it scrolls inside itself if it must). */}
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-1 px-4 py-2 sm:h-14 sm:flex-nowrap sm:py-0">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight whitespace-nowrap">
          {/* eslint-disable-next-line @next/next/no-img-element -- a 24 px SVG: nothing for next/image to optimise */}
          <img src="/logo.svg" alt="" width={24} height={24} />
          Signer Auth
        </Link>
        <nav
          aria-label="Main"
          className="order-last -mx-2 flex w-full gap-1 overflow-x-auto whitespace-nowrap sm:order-none sm:mx-0 sm:w-auto sm:flex-1"
        >
          {items.map((item) => (
            <NavLink key={item.href} href={item.href} exact={item.exact} variant="top">
              {item.label.toUpperCase()}
            </NavLink>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm sm:ml-0">
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
