import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { appSessions, auditEvents, logoutTokenJtis } from "@/db/schema";
import { oidcProviderInput, providerCtx } from "@/db/test/provider-ctx";
import { seedUser } from "@/db/test/seed";
import { openPostgresTestDb } from "@/db/test/test-db";
import { startHostileIdp, type HostileIdp, type IdTokenSpec } from "@/e2e/fixtures/hostile-idp";
import { createSession, findLiveSession } from "@/lib/sessions/sessions";
import { createProvider } from "@/lib/identity-providers/create-provider";
import type { ProviderCtx } from "@/lib/identity-providers/context";
import { BACKCHANNEL_LOGOUT_EVENT } from "@/lib/oauth/logout-token";
import { backchannelLogoutResponse } from "./backchannel-endpoint";

// Back-channel logout tokens from a provider of our own (the hostile IdP signs whatever a test
// asks, and serves the JWKS): a valid token ends exactly the sessions it names; every hostile
// one is refused with 400 and changes nothing (sessions live, no jti recorded).

let handle: DbHandle;
let idp: HostileIdp;
let providerId: string;
let ctx: ProviderCtx;

beforeAll(async () => {
  handle = await openPostgresTestDb();
  idp = await startHostileIdp();
  ctx = providerCtx(handle.db, [`127.0.0.1:${new URL(idp.url).port}`]);
  const input = oidcProviderInput({
    clientId: idp.clientId,
    authorizationUri: `${idp.url}/auth`,
    tokenUri: idp.tokenUrl,
    jwt: { jwksUri: idp.jwksUri, issuer: idp.issuer },
  });
  providerId = (await createProvider(ctx, { ...input, usedForUserAuthentication: true })).id;
});
afterAll(async () => {
  await idp?.close();
  await handle?.close();
});
beforeEach(() => idp.setScenario());

const logoutClaims = (over: Record<string, unknown> = {}) => ({
  events: { [BACKCHANNEL_LOGOUT_EVENT]: {} },
  jti: randomUUID(),
  sid: "sid-1",
  email: undefined,
  ...over,
});
const mint = (spec: IdTokenSpec = {}) =>
  idp.mintIdToken({ ...spec, header: { typ: "logout+jwt", ...spec.header }, claims: logoutClaims(spec.claims) });

function post(body: string | URLSearchParams, init: { method?: string; contentType?: string; provider?: string } = {}) {
  const request = new Request(`http://localhost:3000/oauth/backchannel-logout/${init.provider ?? providerId}`, {
    method: init.method ?? "POST",
    headers: { "content-type": init.contentType ?? "application/x-www-form-urlencoded" },
    body: (init.method ?? "POST") === "GET" ? undefined : body.toString(),
  });
  return backchannelLogoutResponse(ctx, request, init.provider ?? providerId);
}
const postToken = (token: string) => post(new URLSearchParams({ logout_token: token }));

/** Alice's sessions from this provider with sid-1 and sid-2, and one from a password sign-in. */
async function aliceSessions() {
  const { user } = await seedUser(handle.db);
  const oauth = (sid: string, subject = "sub-alice") =>
    createSession(handle.db, {
      userId: user.id,
      method: "oauth",
      providerId,
      ip: null,
      userAgent: null,
      identity: { subject, sid, idToken: null, encryptionKey: ctx.config.encryptionKey },
    });
  // Each test uses sids of its own, so the shared provider's other sessions stay out of the way.
  const tag = randomUUID();
  return {
    user,
    tag,
    one: await oauth(`sid-1-${tag}`),
    two: await oauth(`sid-2-${tag}`),
    password: await createSession(handle.db, { userId: user.id, method: "password", ip: null, userAgent: null }),
  };
}

const live = async (id: string) => (await findLiveSession(handle.db, id)) !== null;
const jtiCount = async () =>
  (await handle.db.select().from(logoutTokenJtis).where(eq(logoutTokenJtis.providerId, providerId))).length;
const refusals = async () =>
  (
    await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.providerId, providerId), eq(auditEvents.action, "BackchannelLogoutRefused")))
  ).length;

describe("back-channel logout endpoint", () => {
  it("a valid token naming a sid ends exactly that session, answers 200 no-store, is audited; its replay is refused", async () => {
    const s = await aliceSessions();
    const token = await mint({ claims: { sid: `sid-1-${s.tag}` } });
    const response = await postToken(token);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect([await live(s.one), await live(s.two), await live(s.password)]).toEqual([false, true, true]);
    const [audit] = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.providerId, providerId), eq(auditEvents.action, "BackchannelLogout")))
      .orderBy(auditEvents.id);
    expect(audit?.data).toMatchObject({ subject: "sub-alice", sidGiven: true });
    expect(
      JSON.stringify(await handle.db.select().from(auditEvents).where(eq(auditEvents.providerId, providerId))),
    ).not.toContain(token);

    const replay = await postToken(token);
    expect(replay.status).toBe(400);
    expect((await replay.json()).error_description).toContain("already used");
    expect(await live(s.two)).toBe(true);
  });

  it("a token naming only a sub ends that identity's sessions from this provider, not others'", async () => {
    const s = await aliceSessions();
    const bob = await seedUser(handle.db);
    const bobs = await createSession(handle.db, {
      userId: bob.user.id,
      method: "oauth",
      providerId,
      ip: null,
      userAgent: null,
      identity: { subject: "sub-bob", sid: "x", idToken: null, encryptionKey: ctx.config.encryptionKey },
    });
    expect((await postToken(await mint({ claims: { sid: undefined } }))).status).toBe(200);
    expect([await live(s.one), await live(s.two), await live(s.password), await live(bobs)]).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });

  const hostile: [string, () => Promise<string>, RegExp][] = [
    [
      "signed with a key the provider does not publish",
      () => mint({ signWith: "attacker", header: { kid: idp.keys.rs256.kid } }),
      /signature/,
    ],
    ["altered after signing", () => mint({ tamper: true }), /signature/],
    ["alg none", () => mint({ signWith: "none" }), /none/],
    ["HS256 keyed with the public key", () => mint({ signWith: "hs256-pem" }), /symmetric/],
    ["for another client (aud)", () => mint({ claims: { aud: "another-client" } }), /audience/],
    ["from another issuer", () => mint({ claims: { iss: "https://evil.example" } }), /issuer/],
    [
      "issued an hour ago (iat)",
      () => mint({ claims: { iat: Math.floor(Date.now() / 1000) - 3600 } }),
      /issued \d+ s ago/,
    ],
    ["expired", () => mint({ claims: { exp: Math.floor(Date.now() / 1000) - 600 } }), /expired/],
    ["with a nonce (an ID token, or made to look like one)", () => mint({ claims: { nonce: "n-1" } }), /nonce/],
    ["without the events claim", () => mint({ claims: { events: undefined } }), /events/],
    [
      "with another event",
      () => mint({ claims: { events: { "http://schemas.openid.net/event/other": {} } } }),
      /events/,
    ],
    ["without jti", () => mint({ claims: { jti: undefined } }), /jti/],
    ["naming neither sub nor sid", () => mint({ claims: { sub: undefined, sid: undefined } }), /sub and\/or a sid/],
    ["typed as something else", () => mint({ header: { typ: "JWT" } }), /typ/],
    ["an ID token as the provider issues them", () => idp.mintIdToken({ claims: { nonce: "n-1" } }), /events/],
  ];

  it.each(hostile)("a token %s is refused with 400 and changes nothing", async (_name, make, reason) => {
    const s = await aliceSessions();
    const [jtis, refused] = [await jtiCount(), await refusals()];
    const response = await postToken(await make());
    expect(response.status).toBe(400);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.json();
    expect(body.error).toBe("invalid_request");
    expect(body.error_description).toMatch(reason);
    expect([await live(s.one), await live(s.two), await live(s.password)]).toEqual([true, true, true]);
    expect(await jtiCount()).toBe(jtis);
    expect(await refusals()).toBe(refused + 1);
  });

  it("GET is 405 with Allow: POST; other bodies are 400; an unknown provider is 400; none of them ends a session", async () => {
    const s = await aliceSessions();
    const token = await mint({ claims: { sid: `sid-1-${s.tag}` } });
    const get = await post("", { method: "GET" });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect(get.headers.get("cache-control")).toBe("no-store");
    expect((await post(JSON.stringify({ logout_token: token }), { contentType: "application/json" })).status).toBe(400);
    expect((await post(`logout_token=${token}&logout_token=${token}`)).status).toBe(400);
    expect((await post("logout_token=")).status).toBe(400);
    expect((await post(`logout_token=${"a".repeat(70_000)}`)).status).toBe(400);
    expect((await post(new URLSearchParams({ logout_token: token }), { provider: randomUUID() })).status).toBe(400);
    expect(await live(s.one)).toBe(true);
    // The same token, properly sent, still works: nothing above used its jti.
    expect((await postToken(token)).status).toBe(200);
    expect(await live(s.one)).toBe(false);
  });

  it("a body over 64 KiB is refused as too large, whether its length is declared or it streams in chunks", async () => {
    const big = `logout_token=${"a".repeat(70_000)}`;
    const declared = await post(big);
    const chunks = new TextEncoder().encode(big);
    const streamed = await backchannelLogoutResponse(
      ctx,
      new Request(`http://localhost:3000/oauth/backchannel-logout/${providerId}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new ReadableStream({
          start(controller) {
            for (let i = 0; i < chunks.length; i += 8192) controller.enqueue(chunks.subarray(i, i + 8192));
            controller.close();
          },
        }),
        duplex: "half",
      } as RequestInit),
      providerId,
    );
    for (const res of [declared, streamed]) {
      expect(res.status).toBe(400);
      expect((await res.json()).error_description).toBe("The body is larger than 65536 bytes");
    }
  });

  it("sessions are named by provider too: the same sub and sid from another provider stay", async () => {
    const s = await aliceSessions();
    const other = (
      await createProvider(
        ctx,
        oidcProviderInput({
          clientId: idp.clientId,
          authorizationUri: `${idp.url}/auth`,
          tokenUri: idp.tokenUrl,
          jwt: { jwksUri: idp.jwksUri, issuer: idp.issuer },
        }),
      )
    ).id;
    const elsewhere = await createSession(handle.db, {
      userId: s.user.id,
      method: "oauth",
      providerId: other,
      ip: null,
      userAgent: null,
      identity: { subject: "sub-alice", sid: `sid-1-${s.tag}`, idToken: null, encryptionKey: ctx.config.encryptionKey },
    });
    expect((await postToken(await mint({ claims: { sid: `sid-1-${s.tag}` } }))).status).toBe(200);
    expect([await live(s.one), await live(elsewhere)]).toEqual([false, true]);
    const rows = await handle.db.select().from(appSessions).where(eq(appSessions.userId, s.user.id));
    expect(rows.filter((r) => r.revokedAt !== null)).toHaveLength(1);
  });
});
