import { MessageCard } from "@/components/ui/message-card";
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
    <MessageCard title={title} action={{ href: "/login", label: "Go to sign in" }}>
      <p>{text}</p>
    </MessageCard>
  );
}
