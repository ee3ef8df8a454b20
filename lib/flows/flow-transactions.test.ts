import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { identityProviders, oauthTransactions } from "@/db/schema";
import { oidcProviderInput, providerCtx } from "@/db/test/provider-ctx";
import { BACKENDS } from "@/db/test/test-db";
import { createProvider } from "@/lib/identity-providers/create-provider";
import { FlowError } from "@/lib/oauth/types";
import { consumeTransaction } from "./consume-transaction";
import { startFlow } from "./start-flow";

describe.each(BACKENDS)("flow transactions on $backend", ({ open }) => {
  let handle: DbHandle;
  let providerId: string;
  beforeAll(async () => {
    handle = await open();
    providerId = (await createProvider(providerCtx(handle.db), oidcProviderInput())).id;
  });
  afterAll(async () => {
    await handle.close();
  });
  const ctx = () => providerCtx(handle.db);
  const keys = () => ctx().config.encryptionKeys;
  const start = async () => {
    const flow = await startFlow(ctx(), { providerId, purpose: "test" });
    const url = new URL(flow.authorizationUrl);
    return { ...flow, state: url.searchParams.get("state")!, url };
  };
  const reasonOf = (p: Promise<unknown>) =>
    p.then(
      () => "accepted",
      (e: unknown) => (e instanceof FlowError ? `${e.step}: ${e.reason}` : String(e)),
    );

  it("sends state, nonce and PKCE S256; keeps only hashes and sealed values", async () => {
    const flow = await start();
    expect(flow.url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(flow.url.searchParams.get("redirect_uri")).toBe(`http://localhost:3000/oauth/callback/${providerId}`);
    const nonce = flow.url.searchParams.get("nonce")!;
    expect(nonce.length).toBeGreaterThanOrEqual(43);
    const [row] = await handle.db.select().from(oauthTransactions).where(eq(oauthTransactions.id, flow.transactionId));
    expect(JSON.stringify(row)).not.toContain(flow.state);
    expect(JSON.stringify(row)).not.toContain(nonce);
    expect(JSON.stringify(row)).not.toContain(flow.browserToken);
    const consumed = await consumeTransaction(
      handle.db,
      { state: flow.state, browserToken: flow.browserToken, providerId },
      keys(),
    );
    expect(consumed.nonce).toBe(nonce);
    expect(consumed.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("a fresh state, nonce and verifier per flow", async () => {
    const [a, b] = [await start(), await start()];
    expect(a.state).not.toBe(b.state);
    expect(a.url.searchParams.get("nonce")).not.toBe(b.url.searchParams.get("nonce"));
    expect(a.url.searchParams.get("code_challenge")).not.toBe(b.url.searchParams.get("code_challenge"));
  });

  it("two concurrent callbacks: exactly one consumes the transaction; a replay is refused", async () => {
    const flow = await start();
    const attempts = await Promise.all(
      [1, 2, 3].map(() =>
        reasonOf(
          consumeTransaction(handle.db, { state: flow.state, browserToken: flow.browserToken, providerId }, keys()),
        ),
      ),
    );
    expect(attempts.filter((r) => r === "accepted")).toHaveLength(1);
    expect(attempts.filter((r) => r.includes("already completed"))).toHaveLength(2);
  });

  it("refuses a missing or unknown state, another browser, another provider, an expired transaction", async () => {
    expect(await reasonOf(consumeTransaction(handle.db, { state: null, browserToken: "x", providerId }, keys()))).toBe(
      "callback: the callback carries no state",
    );
    expect(
      await reasonOf(consumeTransaction(handle.db, { state: "forged", browserToken: "x", providerId }, keys())),
    ).toBe("callback: unknown state");
    const other = await start();
    expect(
      await reasonOf(
        consumeTransaction(handle.db, { state: other.state, browserToken: "another-browser", providerId }, keys()),
      ),
    ).toMatch(/another browser/);
    const mixed = await start();
    expect(
      await reasonOf(
        consumeTransaction(
          handle.db,
          { state: mixed.state, browserToken: mixed.browserToken, providerId: crypto.randomUUID() },
          keys(),
        ),
      ),
    ).toMatch(/mix-up/);
    const old = await start();
    await handle.db
      .update(oauthTransactions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(oauthTransactions.id, old.transactionId));
    expect(
      await reasonOf(
        consumeTransaction(handle.db, { state: old.state, browserToken: old.browserToken, providerId }, keys()),
      ),
    ).toMatch(/expired/);
  });

  it("a refused callback (another browser, no cookie, another provider) uses nothing up: the owner still completes, once", async () => {
    const flow = await start();
    const tries = [
      { state: flow.state, browserToken: "another-browser", providerId },
      { state: flow.state, browserToken: null, providerId },
      { state: flow.state, browserToken: flow.browserToken, providerId: crypto.randomUUID() },
    ];
    expect(await Promise.all(tries.map((t) => reasonOf(consumeTransaction(handle.db, t, keys()))))).toEqual([
      "callback: the sign-in was started in another browser",
      "callback: the sign-in was started in another browser",
      "callback: the answer came back for another provider (mix-up)",
    ]);
    const [row] = await handle.db.select().from(oauthTransactions).where(eq(oauthTransactions.id, flow.transactionId));
    expect(row!.usedAt).toBeNull();
    expect(
      await reasonOf(
        consumeTransaction(handle.db, { state: flow.state, browserToken: flow.browserToken, providerId }, keys()),
      ),
    ).toBe("accepted");
    expect(
      await reasonOf(
        consumeTransaction(handle.db, { state: flow.state, browserToken: flow.browserToken, providerId }, keys()),
      ),
    ).toMatch(/already completed/);
  });

  it("reuses this browser's cookie value, so two tabs can sign in at once", async () => {
    const first = await start();
    const second = await startFlow(ctx(), { providerId, purpose: "test", browserToken: first.browserToken });
    expect(second.browserToken).toBe(first.browserToken);
  });

  it("prompt=login asks the provider for its sign-in form; max_age=0 only for a provider created from discovery", async () => {
    const plain = new URL((await startFlow(ctx(), { providerId, purpose: "test" })).authorizationUrl);
    expect([plain.searchParams.has("prompt"), plain.searchParams.has("max_age")]).toEqual([false, false]);
    const again = new URL((await startFlow(ctx(), { providerId, purpose: "test", prompt: "login" })).authorizationUrl);
    expect([again.searchParams.get("prompt"), again.searchParams.has("max_age")]).toEqual(["login", false]);
    const discovered = await createProvider(ctx(), oidcProviderInput(), {
      discovery: { issuer: "https://idp.example", authorization_endpoint: "https://idp.example/authorize" },
    });
    const fresh = new URL(
      (await startFlow(ctx(), { providerId: discovered.id, purpose: "test", prompt: "login" })).authorizationUrl,
    );
    expect([fresh.searchParams.get("prompt"), fresh.searchParams.get("max_age")]).toEqual(["login", "0"]);
  });

  it("a disabled provider or one not used for the purpose cannot start a sign-in; a test can", async () => {
    const disabled = await createProvider(
      ctx(),
      oidcProviderInput({ enabled: false, usedForUserAuthentication: false }),
    );
    await expect(startFlow(ctx(), { providerId: disabled.id, purpose: "signer" })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(startFlow(ctx(), { providerId, purpose: "login" })).rejects.toMatchObject({ code: "not_found" });
    await expect(startFlow(ctx(), { providerId: disabled.id, purpose: "test" })).resolves.toBeTruthy();
  });

  it("a refused start leaves no transaction: unusable, unknown or malformed provider", async () => {
    const disabled = await createProvider(
      providerCtx(handle.db),
      oidcProviderInput({ name: "Refused start", enabled: false }),
    );
    const rows = async () => (await handle.db.select({ id: oauthTransactions.id }).from(oauthTransactions)).length;
    const before = await rows();
    for (const input of [
      { providerId: disabled.id, purpose: "signer" as const },
      { providerId: providerId, purpose: "login" as const },
      { providerId: crypto.randomUUID(), purpose: "test" as const },
      { providerId: "not-a-uuid", purpose: "test" as const },
    ])
      await expect(startFlow(ctx(), input)).rejects.toMatchObject({ code: "not_found" });
    expect(await rows()).toBe(before);
  });

  it("the consuming statement reads the flow's provider; none once the provider is deleted", async () => {
    const doomed = await createProvider(providerCtx(handle.db), oidcProviderInput({ name: "Deleted mid-flow" }));
    const live = await start();
    const consumed = await consumeTransaction(
      handle.db,
      { state: live.state, browserToken: live.browserToken, providerId },
      keys(),
    );
    expect(consumed.provider).toMatchObject({ id: providerId, clientId: expect.any(String) });
    expect(consumed.provider!.createdAt).toBeInstanceOf(Date);
    const flow = await startFlow(ctx(), { providerId: doomed.id, purpose: "test" });
    const state = new URL(flow.authorizationUrl).searchParams.get("state")!;
    await handle.db.delete(identityProviders).where(eq(identityProviders.id, doomed.id));
    const orphan = await consumeTransaction(
      handle.db,
      { state, browserToken: flow.browserToken, providerId: doomed.id },
      keys(),
    );
    expect(orphan.provider).toBeNull();
    expect(orphan.row.usedAt).toBeInstanceOf(Date);
  });
});
