import type { AppConfig } from "@/lib/config";
import type { Ctx } from "@/lib/context";

/** What provider operations need beyond Ctx: links, keys for secrets at rest, the trusted hosts. */
export type ProviderCtx = Ctx & {
  config: Pick<AppConfig, "appUrl" | "encryptionKey" | "encryptionKeys" | "trustedHosts">;
};
