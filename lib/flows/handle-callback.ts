import { parseTrustedHosts } from "@/lib/net/trusted-hosts";
import type { ProviderCtx } from "@/lib/identity-providers/context";
import { createJwksCache, type JwksCache } from "@/lib/oauth/jwks-cache";
import { safeReturnPath } from "@/lib/net/safe-return";
import { runFlow, type FlowOutcome } from "@/lib/oauth/run-flow";
import { FlowError } from "@/lib/oauth/types";
import { consumeTransaction } from "./consume-transaction";
import { toEngineProvider } from "./engine-provider";
import { isFlowPurpose, purposeHandler, type FlowCompletionResult } from "./purposes";
import { providerUsableFor } from "./start-flow";

/** One JWKS cache per process, shared by every callback (refetches are rate-limited inside). */
export function processJwksCache(trustedHosts: string[]): JwksCache {
  const g = globalThis as { __jwksCache?: JwksCache };
  g.__jwksCache ??= createJwksCache({ out: { trustedHosts: parseTrustedHosts(trustedHosts) } });
  return g.__jwksCache;
}

export type CallbackResult = FlowCompletionResult;

/** The error page shows fixed sentences only (never text from the URL): these codes pick one. */
export const CALLBACK_ERRORS = {
  replayed: "This sign-in was already completed.",
  unknown: "This sign-in is not known here; it may have been started elsewhere or be too old.",
  browser: "This sign-in was started in another browser. Finish it in the browser where it began.",
  expired: "This sign-in took too long and expired.",
  mixup: "The identity provider's answer did not match the sign-in that was started.",
  gone: "This sign-in can no longer be completed.",
} as const;

function callbackErrorCode(reason: string): keyof typeof CALLBACK_ERRORS {
  if (reason.includes("replayed")) return "replayed";
  if (reason.includes("another browser")) return "browser";
  if (reason.includes("expired")) return "expired";
  if (reason.includes("mix-up")) return "mixup";
  return "unknown";
}

/**
 * /oauth/callback/<provider id>: consume the transaction, run the engine, hand the outcome to
 * the purpose. A callback that cannot be tied to a transaction goes to the friendly error page.
 */
export async function handleCallback(
  ctx: ProviderCtx,
  input: { providerId: string; params: URLSearchParams; browserToken: string | null },
): Promise<CallbackResult> {
  let consumed;
  try {
    consumed = await consumeTransaction(
      ctx.db,
      { state: input.params.get("state"), browserToken: input.browserToken, providerId: input.providerId },
      ctx.config.encryptionKeys,
    );
  } catch (err) {
    if (err instanceof FlowError) return { redirectTo: `/oauth/error?code=${callbackErrorCode(err.reason)}` };
    throw err;
  }
  // The consuming statement read the provider too (null: deleted since the start).
  const loaded = consumed.provider
    ? { row: consumed.provider, provider: await toEngineProvider(ctx.db, consumed.provider, ctx.config.encryptionKeys) }
    : null;
  const purpose = consumed.row.purpose;
  if (!loaded || !isFlowPurpose(purpose)) return { redirectTo: "/oauth/error?code=gone" };
  const { complete, mappingContext } = purposeHandler(purpose);
  // A flow started before its provider was disabled (or taken off this purpose) ends here, before
  // any call to the provider; the purpose records the refusal like any other failed step.
  const outcome = providerUsableFor(loaded.row, purpose)
    ? await runFlow(loaded.provider, input.params, consumed, {
        redirectUri: consumed.row.redirectUri,
        out: { trustedHosts: parseTrustedHosts(ctx.config.trustedHosts) },
        jwks: processJwksCache(ctx.config.trustedHosts),
        mappingContext: (await mappingContext?.(ctx.db, consumed)) ?? null,
      })
    : refusedOutcome(
        new FlowError(
          "callback",
          PROVIDER_DISABLED_REASON,
          "An administrator disabled this identity provider while the sign-in was under way.",
        ),
      );
  const completed = await complete(ctx, consumed, outcome);
  const { redirectTo, signIn } =
    typeof completed === "string" ? { redirectTo: completed, signIn: undefined } : completed;
  return { redirectTo: safeReturnPath(redirectTo, "/oauth/error?code=gone"), ...(signIn ? { signIn } : {}) };
}

export const PROVIDER_DISABLED_REASON = "the identity provider was disabled after this sign-in started";

function refusedOutcome(error: FlowError): FlowOutcome {
  return {
    ok: false,
    error,
    report: [
      { step: error.step, title: "Failed", ok: false, details: { reason: error.reason, hint: error.hint ?? null } },
    ],
  };
}
