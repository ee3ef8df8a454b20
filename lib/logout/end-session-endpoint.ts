import type { IdentityProviderRow } from "@/db/schema";

/** The provider's end-session endpoint: its Logout Uri, else the one its discovery document named. */
export function endSessionEndpointOf(row: Pick<IdentityProviderRow, "logoutUri" | "discovery">): string | null {
  if (row.logoutUri) return row.logoutUri;
  const discovered = (row.discovery as { end_session_endpoint?: unknown } | null)?.end_session_endpoint;
  return typeof discovered === "string" && discovered !== "" ? discovered : null;
}
