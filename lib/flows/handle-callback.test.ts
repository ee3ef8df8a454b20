import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { and } from "drizzle-orm";
import { appSessions, auditEvents, oauthAssignments, oauthTransactions } from "@/db/schema";
import { seedUser } from "@/db/test/seed";
import { setProviderEnabled } from "@/lib/identity-providers/provider-actions";
import { providerCtx } from "@/db/test/provider-ctx";
import { openPostgresTestDb } from "@/db/test/test-db";
import { startOAuth2Server, type OAuth2Fixture } from "@/e2e/fixtures/oauth2-server";
import { signInAtProvider } from "@/e2e/fixtures/oidc-login";
import { startOidcProvider, type OidcFixture } from "@/e2e/fixtures/oidc-provider";
import { createProvider } from "@/lib/identity-providers/create-provider";
import { loadDiscovery, wellKnownUrl } from "@/lib/identity-providers/discovery";
import type { TProviderInput } from "@/lib/identity-providers/schema";
import type { ReportStep } from "@/lib/oauth/types";
import { handleCallback } from "./handle-callback";
import { startFlow } from "./start-flow";
import "@/lib/wiring/register-purposes";

// The whole callback path (transaction, engine, Test connection completion) against real peers.
let handle: DbHandle;
let idp: OidcFixture;
let plain: OAuth2Fixture;
beforeAll(async () => {
  handle = await openPostgresTestDb();
  idp = await startOidcProvider({ redirectUriPrefixes: ["http://localhost:3000/oauth/callback/"] });
  plain = await startOAuth2Server();
});
afterAll(async () => {
  await Promise.all([idp.close(), plain.close()]);
  await handle.close();
});

const ctx = () => providerCtx(handle.db, [`127.0.0.1:${idp.port}`, `127.0.0.1:${plain.port}`]);
type Result = { ok: boolean; report: ReportStep[]; error?: { step: string; reason: string } };

async function oidcProvider(over: Partial<TProviderInput> = {}) {
  const { input, discovery } = await loadDiscovery(wellKnownUrl(idp.issuer), ctx().config.trustedHosts);
  return createProvider(
    ctx(),
    {
      ...input,
      name: `OIDC ${crypto.randomUUID()}`,
      clientId: "client-basic",
      clientSecret: idp.clients.basic.clientSecret,
      authorizationUri: input.authorizationUri!,
      tokenUri: input.tokenUri!,
      ...over,
    },
    { discovery },
  );
}

/** Start → the person signs in at the IdP → the callback as the browser would call it. */
async function roundTrip(providerId: string, person = { username: "alice", password: "alice-password" }) {
  const flow = await startFlow(ctx(), { providerId, purpose: "test" });
  const login = await signInAtProvider(flow.authorizationUrl, { credentials: person });
  if (login.kind !== "redirect") throw new Error(`the IdP did not redirect back: ${login.status}`);
  const callback = () =>
    handleCallback(ctx(), { providerId, params: login.location.searchParams, browserToken: flow.browserToken });
  const first = await callback();
  const [row] = await handle.db.select().from(oauthTransactions).where(eq(oauthTransactions.id, flow.transactionId));
  return { first, result: row!.result as Result | null, callback, login };
}

describe("callback end to end", () => {
  it("OIDC with client_secret_basic, PKCE, the JWT and the userinfo resource: every step passes", async () => {
    const provider = await oidcProvider({
      resourceUris: [
        {
          uri: `${idp.issuer}/me`,
          queryParameter: "bearer",
          mappings: [{ path: "email", mode: "validate", field: "email" }],
        },
      ],
    });
    const { first, result, login } = await roundTrip(provider.id);
    expect(first.redirectTo).toMatch(new RegExp(`^/settings/identity-providers/${provider.id}/test/[0-9a-f-]{36}$`));
    expect(result!.ok).toBe(true);
    expect(result!.report.map((s) => s.step)).toEqual([
      "authorization",
      "token",
      "id_token",
      "resource",
      "subject",
      "mapping",
    ]);
    expect(result!.report.find((s) => s.step === "subject")!.details).toMatchObject({ subject: "sub-alice" });
    expect(JSON.stringify(result)).not.toContain(login.location.searchParams.get("code")!);
    expect(JSON.stringify(result)).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
  });

  it("client_secret_post without PKCE, JWT only", async () => {
    const provider = await oidcProvider({
      clientId: "client-post",
      clientSecret: idp.clients.post.clientSecret,
      tokenEndpointAuthMethod: "client_secret_post",
      pkce: false,
    });
    const { result } = await roundTrip(provider.id);
    expect(result).toMatchObject({ ok: true });
  });

  it("a replayed callback goes to the error page and changes nothing", async () => {
    const provider = await oidcProvider();
    const { callback } = await roundTrip(provider.id);
    expect(await callback()).toEqual({ redirectTo: "/oauth/error?code=replayed" });
  });

  it("a wrong configured issuer fails at once: the IdP's iss response parameter (RFC 9207) names the real one", async () => {
    const provider = await oidcProvider();
    await handle.db.execute(
      // Same provider, configured issuer changed behind the form (the form would warn).
      (await import("drizzle-orm"))
        .sql`update identity_providers set jwt = jsonb_set(jwt, '{issuer}', '"https://wrong.example"') where id = ${provider.id}`,
    );
    const { result } = await roundTrip(provider.id);
    expect(result).toMatchObject({ ok: false, error: { step: "authorization" } });
    expect(result!.error!.reason).toContain("https://wrong.example");
    expect(result!.error!.reason).toContain(idp.issuer);
  });

  it("plain OAuth2: the identity comes from a resource URI in access_token mode", async () => {
    const provider = await createProvider(ctx(), {
      name: `Plain ${crypto.randomUUID()}`,
      clientId: plain.clientId,
      clientSecret: plain.clientSecret,
      authorizationUri: plain.authorizeUrl,
      tokenUri: plain.tokenUrl,
      scope: "profile",
      resourceUris: [
        {
          uri: plain.resourceUrl("access_token"),
          queryParameter: "access_token",
          mappings: [{ path: "user.name.first", mode: "update", field: "firstName" }],
        },
      ],
      subjectPath: "user.email",
    });
    const flow = await startFlow(ctx(), { providerId: provider.id, purpose: "test" });
    const redirect = await fetch(flow.authorizationUrl, { redirect: "manual" });
    const location = new URL(redirect.headers.get("location")!);
    await handleCallback(ctx(), {
      providerId: provider.id,
      params: location.searchParams,
      browserToken: flow.browserToken,
    });
    const [row] = await handle.db.select().from(oauthTransactions).where(eq(oauthTransactions.id, flow.transactionId));
    const result = row!.result as Result;
    expect(result.ok).toBe(true);
    expect(result.report.find((s) => s.step === "subject")!.details).toMatchObject({
      subject: "oauth-user@example.com",
    });
    expect(result.report.find((s) => s.step === "resource")!.details).toMatchObject({
      status: 200,
      queryParameter: "access_token",
      fallbackUsed: false,
    });
  });

  it("an error from the IdP (with markup) is reported, and the transaction is used up", async () => {
    const provider = await oidcProvider();
    const flow = await startFlow(ctx(), { providerId: provider.id, purpose: "test" });
    const state = new URL(flow.authorizationUrl).searchParams.get("state")!;
    const params = new URLSearchParams({
      state,
      error: "access_denied",
      error_description: "<script>alert(1)</script>",
    });
    await handleCallback(ctx(), { providerId: provider.id, params, browserToken: flow.browserToken });
    const [row] = await handle.db.select().from(oauthTransactions).where(eq(oauthTransactions.id, flow.transactionId));
    expect(row!.usedAt).not.toBeNull();
    expect(row!.result).toMatchObject({ ok: false, error: { step: "authorization" } });
    expect(await handleCallback(ctx(), { providerId: provider.id, params, browserToken: flow.browserToken })).toEqual({
      redirectTo: "/oauth/error?code=replayed",
    });
  });

  it("an iss response parameter naming another issuer is refused (RFC 9207)", async () => {
    const provider = await oidcProvider();
    const flow = await startFlow(ctx(), { providerId: provider.id, purpose: "test" });
    const login = await signInAtProvider(flow.authorizationUrl, {
      credentials: { username: "bob", password: "bob-password" },
    });
    if (login.kind !== "redirect") throw new Error("no redirect");
    const params = new URLSearchParams(login.location.searchParams);
    params.set("iss", "https://attacker.example");
    await handleCallback(ctx(), { providerId: provider.id, params, browserToken: flow.browserToken });
    const [row] = await handle.db.select().from(oauthTransactions).where(eq(oauthTransactions.id, flow.transactionId));
    expect(row!.result).toMatchObject({
      ok: false,
      error: { step: "authorization", reason: expect.stringMatching(/mix-up/) },
    });
  });
});

describe("a flow in flight when its provider is disabled", () => {
  it("a login started before the provider was disabled fails at the callback step, audited, and no session", async () => {
    const provider = await oidcProvider({ usedForUserAuthentication: true });
    const { user } = await seedUser(handle.db, { password: null });
    await handle.db
      .insert(oauthAssignments)
      .values({ userId: user.id, providerId: provider.id, state: "bound", subject: "sub-alice", boundAt: new Date() });
    const flow = await startFlow(ctx(), { providerId: provider.id, purpose: "login" });
    const login = await signInAtProvider(flow.authorizationUrl, {
      credentials: { username: "alice", password: "alice-password" },
    });
    if (login.kind !== "redirect") throw new Error(`the IdP did not redirect back: ${login.status}`);
    await setProviderEnabled(ctx(), provider.id, false);

    const result = await handleCallback(ctx(), {
      providerId: provider.id,
      params: login.location.searchParams,
      browserToken: flow.browserToken,
    });
    expect(result.redirectTo).toBe("/login?error=oauth_failed");
    const [row] = await handle.db.select().from(oauthTransactions).where(eq(oauthTransactions.id, flow.transactionId));
    expect(row!.usedAt).not.toBeNull();
    expect(row!.result).toBeNull();
    const failed = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.providerId, provider.id), eq(auditEvents.action, "LoginFailed")));
    expect(failed.map((e) => e.data)).toEqual([
      expect.objectContaining({
        method: "oauth",
        reason: "callback: the identity provider was disabled after this sign-in started",
      }),
    ]);
    expect(await handle.db.select().from(appSessions).where(eq(appSessions.userId, user.id))).toHaveLength(0);
  });

  it("Test connection still runs on a disabled provider (an administrator checks it before enabling it)", async () => {
    const provider = await oidcProvider({ enabled: false });
    const { first, result } = await roundTrip(provider.id);
    expect(first.redirectTo).toMatch(new RegExp(`^/settings/identity-providers/${provider.id}/test/`));
    expect(result!.ok).toBe(true);
  });
});
