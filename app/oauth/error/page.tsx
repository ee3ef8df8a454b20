import { MessageCard } from "@/components/ui/message-card";
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
    <MessageCard title="The sign-in could not be completed" action={{ href: "/", label: "Back to the start" }}>
      <p>{message} Please start again.</p>
    </MessageCard>
  );
}
