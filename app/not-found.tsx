// The app's own 404 (replaces Next's default): unknown paths, and every notFound() without a nearer page.
import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">Signer Auth · 404</p>
        <h1 className="mt-1 text-xl font-semibold text-brand-900">Page not found</h1>
        <p className="mt-2 text-sm text-slate-600">
          There is no page at this address. Check the link, or start again from the beginning.
        </p>
        <Link href="/" className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white">
          Back to the start
        </Link>
      </div>
    </main>
  );
}
