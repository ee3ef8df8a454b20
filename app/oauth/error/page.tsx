import Link from "next/link";
import { CALLBACK_ERRORS } from "@/lib/flows/handle-callback";
import { ownEntry } from "@/lib/validation/own-entry";

export default async function OAuthErrorPage({
  searchParams,
}: {
  searchParams: Promise<{ code?: string | string[] }>;
}) {
  const { code } = await searchParams;
  const message = ownEntry(CALLBACK_ERRORS, code, CALLBACK_ERRORS.gone);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold text-brand-900">The sign-in could not be completed</h1>
        <p className="mt-2 text-sm text-slate-600">{message} Please start again.</p>
        <Link href="/" className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white">
          Back to the start
        </Link>
      </div>
    </main>
  );
}
