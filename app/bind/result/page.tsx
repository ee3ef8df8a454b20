import Link from "next/link";
import { ownEntry } from "@/lib/validation/own-entry";

const MESSAGES = {
  bound: ["Your account is connected", "From now on, sign in with your identity provider."],
  identity_taken: [
    "This identity is already connected to another account",
    "Sign in at the provider with the identity that belongs to you, or ask your administrator.",
  ],
  link_gone: [
    "This link can no longer be used",
    "It was used, replaced by a newer invitation, or removed. Use the newest invitation you received.",
  ],
  failed: [
    "The sign-in at the provider did not succeed",
    "Nothing was changed. Open the link from your email again to retry; it stays valid until it expires.",
  ],
} as const;

export default async function BindResultPage({
  searchParams,
}: {
  searchParams: Promise<{ status?: string | string[] }>;
}) {
  const { status } = await searchParams;
  const [title, text] = ownEntry(MESSAGES, status, MESSAGES.failed);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold text-brand-900">{title}</h1>
        <p className="mt-2 text-sm text-slate-600">{text}</p>
        <Link
          href="/login"
          className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white"
        >
          Go to sign in
        </Link>
      </div>
    </main>
  );
}
