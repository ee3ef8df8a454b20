import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DbHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { identityProviders, oauthAssignments, oauthTransactions } from "@/db/schema";
import { createTestDatabase } from "@/db/test/databases";
import { providerCtx, oidcProviderInput } from "@/db/test/provider-ctx";
import { seedUser } from "@/db/test/seed";
import { createProvider } from "./create-provider";
import { getSetupChecklist } from "./get-setup-checklist";

// A database of its own: the checklist reads instance-wide facts, which other files' tests would set.
let handle: DbHandle;
let drop: () => Promise<void>;
beforeAll(async () => {
  const database = await createTestDatabase("checklist");
  drop = database.drop;
  handle = await openDatabase({ databaseUrl: database.url, maxConnections: 2 });
  await migrateDatabase(handle, database.url);
});
afterAll(async () => {
  await handle?.close();
  await drop?.();
});

const testRun = (providerId: string, ok: boolean | null) => ({
  stateHash: crypto.randomUUID(),
  browserHash: "b",
  providerId,
  purpose: "test",
  secretsSealed: "x",
  redirectUri: "http://localhost/oauth/callback",
  expiresAt: new Date(Date.now() + 60_000),
  result: ok === null ? null : { ok, report: [] },
});
const byKey = async (smtpConfigured = false) =>
  Object.fromEntries((await getSetupChecklist(handle.db, { smtpConfigured })).map((i) => [i.key, i]));

describe("the administrator's setup checklist", () => {
  it("starts with nothing done, each item saying where to do it", async () => {
    const items = await byKey();
    expect(items.provider_tested).toMatchObject({
      done: false,
      state: "No identity provider is configured yet.",
      href: "/settings/identity-providers",
    });
    expect(items.smtp).toMatchObject({ done: false, href: "/settings/outbox" });
    expect(items.user_bound).toMatchObject({ done: false, href: "/settings/users" });
  });

  it("a provider is tested only by a Test connection that succeeded; SMTP and a bound user tick theirs", async () => {
    const provider = await createProvider(providerCtx(handle.db), oidcProviderInput({ name: "Checklist IdP" }));
    await handle.db.insert(oauthTransactions).values([testRun(provider.id, false), testRun(provider.id, null)]);
    expect((await byKey()).provider_tested).toMatchObject({
      done: false,
      state: "No Test connection has succeeded yet.",
    });

    await handle.db.insert(oauthTransactions).values(testRun(provider.id, true));
    const { user } = await seedUser(handle.db);
    await handle.db
      .insert(oauthAssignments)
      .values({ userId: user.id, providerId: provider.id, state: "bound", subject: "sub-1" });
    const items = await byKey(true);
    expect(items.provider_tested).toMatchObject({
      done: true,
      state: "Test connection of Checklist IdP succeeded.",
      href: `/settings/identity-providers/${provider.id}`,
    });
    expect(items.smtp).toMatchObject({ done: true });
    expect(items.user_bound).toMatchObject({ done: true, state: "1 assignment is bound to an identity." });
    expect(await handle.db.select().from(identityProviders)).toHaveLength(1);
  });
});
