import type { AppConfig } from "@/lib/config";
import type { Ctx } from "@/lib/context";

/** What envelope operations need beyond Ctx: links in mails, the mail settings, the key for SMS codes. */
export type EnvelopeCtx = Ctx & { config: Pick<AppConfig, "appUrl" | "smtpUrl" | "mailFrom" | "encryptionKey"> };

/** The sender as mails and the trail name them. */
export type Sender = { userId: string; email: string; name: string };
