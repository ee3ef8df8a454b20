"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

const STYLES = {
  top: [
    "rounded px-2 py-1.5 text-xs font-medium tracking-wide sm:px-3",
    "bg-white/15 text-white",
    "text-brand-100 hover:bg-white/10",
  ],
  side: [
    "block rounded-md px-3 py-2 text-sm",
    "bg-brand-50 font-medium text-brand-700",
    "text-slate-700 hover:bg-slate-100",
  ],
} as const;

export function NavLink({
  href,
  exact,
  variant,
  children,
}: {
  href: string;
  exact?: boolean;
  variant: keyof typeof STYLES;
  children: ReactNode;
}) {
  const pathname = usePathname();
  const active = exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  const [base, on, off] = STYLES[variant];
  return (
    <Link href={href} aria-current={active ? "page" : undefined} className={`${base} ${active ? on : off}`}>
      {children}
    </Link>
  );
}
