import type { PurposeHandler } from "@/lib/flows/purposes";
import { loginWithProvider } from "./login-with-provider";

/**
 * Login: the callback itself signs the browser in. A bound, enabled user gets a new session, and
 * the callback's response sets its cookie (lib/auth/session-cookie.ts: the one next-auth reads) on
 * the way to the page the login was started for, or Home; anyone else a refusal that reveals nothing. Only the browser
 * that started the flow gets here, once: the callback consumed the transaction with that
 * browser's oauth_flow cookie (lib/flows/consume-transaction.ts).
 */
export const loginPurpose: PurposeHandler = {
  complete: async (ctx, consumed, outcome) => {
    const result = await loginWithProvider(ctx, { providerId: consumed.row.providerId, outcome });
    if (!result.ok) return `/login?error=${result.error}`;
    return { redirectTo: consumed.row.returnTo ?? "/", signIn: { userId: result.userId, sessionId: result.sessionId } };
  },
};
