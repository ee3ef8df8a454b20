import { and, asc, eq } from "drizzle-orm";
import { identityProviders, instanceSettings } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { emitAudit } from "@/lib/audit/emit-audit";
import type { Ctx } from "@/lib/context";

export type ProviderChoice = { id: string; name: string };

/** Enabled providers used for user authentication: what a user can be bound to (OAuth assignments). */
export async function userAuthenticationProviders(db: Db | Tx): Promise<ProviderChoice[]> {
  return db
    .select({ id: identityProviders.id, name: identityProviders.name })
    .from(identityProviders)
    .where(and(eq(identityProviders.enabled, true), eq(identityProviders.usedForUserAuthentication, true)))
    .orderBy(asc(identityProviders.name));
}

export const LOGIN_BUTTONS_SETTING = "oauth_login_buttons";

/** Whether the login page shows a button per user-authentication provider (default: yes). */
export async function loginButtonsShown(db: Db | Tx): Promise<boolean> {
  const [setting] = await db.select().from(instanceSettings).where(eq(instanceSettings.key, LOGIN_BUTTONS_SETTING));
  return !(setting && setting.value === false);
}

/** The login page's provider buttons: the user-authentication providers, when the instance allows it. */
export async function loginPageProviders(db: Db | Tx): Promise<ProviderChoice[]> {
  return (await loginButtonsShown(db)) ? userAuthenticationProviders(db) : [];
}

/** Settings → Identity Providers: show or hide the login page's provider buttons (Logon URLs work either way). */
export async function setLoginButtonsShown(ctx: Ctx, shown: boolean): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const before = await loginButtonsShown(tx);
    if (before === shown) return;
    await tx
      .insert(instanceSettings)
      .values({ key: LOGIN_BUTTONS_SETTING, value: shown })
      .onConflictDoUpdate({ target: instanceSettings.key, set: { value: shown, updatedAt: new Date() } });
    await emitAudit(tx, ctx, {
      action: "InstanceSettingChanged",
      data: {
        key: LOGIN_BUTTONS_SETTING,
        changes: [{ field: "oauthLoginButtons", from: String(before), to: String(shown) }],
      },
    });
  });
}
