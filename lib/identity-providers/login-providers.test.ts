import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { auditEvents, instanceSettings } from "@/db/schema";
import { oidcProviderInput, providerCtx } from "@/db/test/provider-ctx";
import { seedUser } from "@/db/test/seed";
import { openTestDb } from "@/db/test/test-db";
import { inviteUser } from "@/lib/bindings/invite-user";
import { createProvider } from "./create-provider";
import {
  LOGIN_BUTTONS_SETTING,
  loginButtonsShown,
  loginPageProviders,
  setLoginButtonsShown,
  userAuthenticationProviders,
} from "./login-providers";
import { providerUsage } from "./provider-usage";

let handle: DbHandle;
beforeAll(async () => {
  handle = await openTestDb();
  await handle.db.delete(instanceSettings).where(eq(instanceSettings.key, LOGIN_BUTTONS_SETTING));
});
afterAll(async () => {
  await handle.close();
});

describe("the login page's provider buttons and what uses a provider", () => {
  it("lists enabled user-authentication providers only; the instance setting hides them from the login page, audited once per change", async () => {
    const shown = await createProvider(providerCtx(handle.db), oidcProviderInput({ usedForUserAuthentication: true }));
    const signerOnly = await createProvider(
      providerCtx(handle.db),
      oidcProviderInput({ usedForSignerAuthentication: true }),
    );
    const disabled = await createProvider(
      providerCtx(handle.db),
      oidcProviderInput({ usedForUserAuthentication: true, enabled: false }),
    );
    const ids = (await userAuthenticationProviders(handle.db)).map((p) => p.id);
    expect(ids).toContain(shown.id);
    expect(ids).not.toContain(signerOnly.id);
    expect(ids).not.toContain(disabled.id);
    expect(await loginButtonsShown(handle.db)).toBe(true);
    expect((await loginPageProviders(handle.db)).map((p) => p.id)).toContain(shown.id);

    const ctx = providerCtx(handle.db);
    await setLoginButtonsShown(ctx, false);
    await setLoginButtonsShown(ctx, false); // no change, no second row
    expect(await loginButtonsShown(handle.db)).toBe(false);
    expect(await loginPageProviders(handle.db)).toEqual([]);
    expect((await userAuthenticationProviders(handle.db)).map((p) => p.id)).toContain(shown.id);
    await setLoginButtonsShown(ctx, true);
    const events = await handle.db
      .select({ description: auditEvents.description })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "InstanceSettingChanged"),
          eq(auditEvents.actorUserId, ctx.actor.kind === "user" ? ctx.actor.userId : ""),
        ),
      )
      .orderBy(auditEvents.seq);
    expect(events.map((e) => e.description)).toEqual([
      "Instance setting changed: oauthLoginButtons: 'true' → 'false'",
      "Instance setting changed: oauthLoginButtons: 'false' → 'true'",
    ]);
  });

  it("counts live OAuth assignments as a use of the provider (shown before deleting it)", async () => {
    const provider = await createProvider(
      providerCtx(handle.db),
      oidcProviderInput({ usedForUserAuthentication: true }),
    );
    expect(await providerUsage(handle.db, provider.id)).toEqual([]);
    const { user } = await seedUser(handle.db);
    const base = providerCtx(handle.db);
    await inviteUser(
      { ...base, config: { ...base.config, smtpUrl: undefined, mailFrom: "x@example.test" } },
      { userId: user.id, providerId: provider.id },
    );
    expect(await providerUsage(handle.db, provider.id)).toEqual([
      { label: "user invited or bound (OAuth assignments)", count: 1 },
    ]);
  });
});
