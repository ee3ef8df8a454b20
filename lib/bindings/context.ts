import type { AppConfig } from "@/lib/config";
import type { Ctx } from "@/lib/context";

export type BindingCtx = Ctx & {
  config: Pick<AppConfig, "appUrl" | "encryptionKey" | "encryptionKeys" | "trustedHosts" | "smtpUrl" | "mailFrom">;
};

export const LINK_TTL_MS = 7 * 24 * 60 * 60 * 1000;
// A resend within this time is refused: mailboxes are not to be flooded.
export const RESEND_MIN_INTERVAL_MS = 60 * 1000;
