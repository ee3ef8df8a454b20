// The app's own 404 (replaces Next's default): unknown paths, and every notFound() without a nearer page.
import type { Metadata } from "next";
import { MessageCard } from "@/components/ui/message-card";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <MessageCard eyebrow="Signer Auth · 404" title="Page not found" action={{ href: "/", label: "Back to the start" }}>
      <p>There is no page at this address. Check the link, or start again from the beginning.</p>
    </MessageCard>
  );
}
