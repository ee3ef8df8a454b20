import { createServer, type Server } from "node:http";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { appSessions, identityProviders, oauthAssignments, oauthTransactions } from "@/db/schema";
import { providerCtx } from "@/db/test/provider-ctx";
import { seedUser } from "@/db/test/seed";
import { openPostgresTestDb } from "@/db/test/test-db";
import { closeServer, listenOnLoopback, readBody } from "@/e2e/fixtures/http-helpers";
import { confirmSignOutAtProvider, CookieJar, signInAtProvider } from "@/e2e/fixtures/oidc-login";
import { startOidcProvider, type OidcFixture } from "@/e2e/fixtures/oidc-provider";
import { registerClient } from "@/e2e/fixtures/oidc-registration";
import { findLiveSession } from "@/lib/sessions/sessions";
import { handleCallback } from "@/lib/flows/handle-callback";
import { startFlow } from "@/lib/flows/start-flow";
import { createProvider } from "@/lib/identity-providers/create-provider";
import type { ProviderCtx } from "@/lib/identity-providers/context";
import { loadDiscovery, wellKnownUrl } from "@/lib/identity-providers/discovery";
import { backchannelLogoutResponse } from "./backchannel-endpoint";
import { beginLogout } from "./begin-logout";
import { completeLogout } from "./complete-logout";
import "@/lib/wiring/register-purposes";

// Against the real oidc-provider, with rpInitiatedLogout and backchannelLogout on and a client
// registered (dynamic registration) with a back-channel logout URI. That URI is a loopback
// server of this test handing each request to the app's endpoint code, as the route does.

let handle: DbHandle;
let op: OidcFixture;
let receiver: Server;
let ctx: ProviderCtx;
let providerId: string;
const received: number[] = [];

beforeAll(async () => {
  handle = await openPostgresTestDb();
  op = await startOidcProvider();
  receiver = createServer((req, res) => {
    void (async () => {
      const request = new Request(`http://localhost${req.url}`, {
        method: req.method,
        headers: { "content-type": req.headers["content-type"] ?? "" },
        body: req.method === "POST" ? await readBody(req) : undefined,
      });
      const response = await backchannelLogoutResponse(ctx, request, providerId);
      received.push(response.status);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(await response.text());
    })();
  });
  const port = await listenOnLoopback(receiver);
  ctx = providerCtx(handle.db, [`127.0.0.1:${op.port}`]);
  const client = await registerClient(op.issuer, {
    redirect_uris: ["http://localhost:3000/oauth/callback/registered"],
    post_logout_redirect_uris: ["http://localhost:3000/oauth/logout-complete"],
    backchannel_logout_uri: `http://127.0.0.1:${port}/oauth/backchannel-logout/p`,
    backchannel_logout_session_required: true,
  });
  const { input, discovery } = await loadDiscovery(wellKnownUrl(op.issuer), ctx.config.trustedHosts);
  const created = await createProvider(
    ctx,
    {
      ...input,
      name: `Logout ${crypto.randomUUID()}`,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      authorizationUri: input.authorizationUri!,
      tokenUri: input.tokenUri!,
      usedForUserAuthentication: true,
    },
    { discovery },
  );
  providerId = created.id;
  expect(created.logoutUri).toBe(`${op.issuer}/session/end`);
});
afterAll(async () => {
  await op?.close();
  if (receiver) await closeServer(receiver);
  await handle?.close();
});

/** A user bound to Alice's identity at the provider. */
async function boundAlice() {
  const { user } = await seedUser(handle.db, { password: null });
  await handle.db
    .delete(oauthAssignments)
    .where(and(eq(oauthAssignments.providerId, providerId), eq(oauthAssignments.subject, "sub-alice")));
  await handle.db
    .insert(oauthAssignments)
    .values({ userId: user.id, providerId, state: "bound", subject: "sub-alice", boundAt: new Date() });
  return user;
}

/** Login through the Logon URL, as the routes do it; `jar` is the browser's cookies at the provider. */
async function login(jar: CookieJar) {
  const flow = await startFlow(ctx, { providerId, purpose: "login" });
  const answer = await signInAtProvider(flow.authorizationUrl, { credentials: op.people.alice, jar });
  if (answer.kind !== "redirect") throw new Error(`the provider answered a page: ${answer.status}`);
  const { redirectTo, signIn } = await handleCallback(ctx, {
    providerId,
    params: answer.location.searchParams,
    browserToken: flow.browserToken,
  });
  if (!signIn) throw new Error(`login refused: ${redirectTo}`);
  const sessionRef = (await findLiveSession(handle.db, signIn.sessionId))!.sessionRef;
  const [row] = await handle.db.select().from(appSessions).where(eq(appSessions.publicId, sessionRef));
  return { sessionId: signIn.sessionId, sessionRef, row: row!, browserToken: flow.browserToken };
}

/** The provider's end-session page, confirmed with "Yes, sign me out"; returns where it sends the browser. */
async function confirmAtProvider(url: string, jar: CookieJar): Promise<URL> {
  const confirm = await confirmSignOutAtProvider(url, jar);
  expect(confirm.status).toBe(303);
  return new URL(confirm.headers.get("location")!, op.issuer);
}

describe("sign-out through the provider", () => {
  it("RP-initiated: the session ends first, the provider gets id_token_hint + post_logout_redirect_uri + state, the state is checked once", async () => {
    const user = await boundAlice();
    const jar = new CookieJar();
    const { sessionId, sessionRef, row, browserToken } = await login(jar);
    expect(row).toMatchObject({ idpSubject: "sub-alice", method: "oauth", providerId });
    expect(row.idpSid).toBeTruthy();

    const began = await beginLogout(ctx, { userId: user.id, sessionRef, browserToken });
    expect(await findLiveSession(handle.db, sessionId)).toBeNull();
    const url = new URL(began.redirectTo);
    expect(`${url.origin}${url.pathname}`).toBe(`${op.issuer}/session/end`);
    expect(url.searchParams.get("post_logout_redirect_uri")).toBe("http://localhost:3000/oauth/logout-complete");
    const idToken = url.searchParams.get("id_token_hint")!;
    expect(JSON.parse(Buffer.from(idToken.split(".")[1]!, "base64url").toString())).toMatchObject({
      sub: "sub-alice",
      sid: row.idpSid,
    });
    // Kept sealed: the raw ID token is in no row of the database.
    const txRows = await handle.db.select().from(oauthTransactions).where(eq(oauthTransactions.providerId, providerId));
    const [sessionRow] = await handle.db.select().from(appSessions).where(eq(appSessions.userId, user.id));
    expect(txRows.length).toBeGreaterThan(0);
    expect(JSON.stringify([txRows, sessionRow])).not.toContain(idToken.split(".")[2]);
    expect(row.idTokenSealed).toMatch(/^v1\./);
    expect(sessionRow!.idTokenSealed).toBeNull(); // the session has ended: the ID token is not kept

    const back = await confirmAtProvider(began.redirectTo, jar);
    expect(`${back.origin}${back.pathname}`).toBe("http://localhost:3000/oauth/logout-complete");
    const state = back.searchParams.get("state");
    expect(state).toBe(url.searchParams.get("state"));
    expect(await completeLogout(handle.db, { state, browserToken: "another-browser" })).toBe("unmatched");
    expect(await completeLogout(handle.db, { state, browserToken })).toBe("confirmed");
    expect(await completeLogout(handle.db, { state, browserToken })).toBe("unmatched");
    // The provider's session is gone too: the next sign-in asks for the password.
    const again = await signInAtProvider((await startFlow(ctx, { providerId, purpose: "login" })).authorizationUrl, {
      jar,
    });
    expect(again.kind === "page" && again.html).toContain("Sign in</button>");
  });

  it("back-channel: signing out at the provider ends exactly the app session of that provider session", async () => {
    await boundAlice();
    const [jarA, jarB] = [new CookieJar(), new CookieJar()];
    const a = await login(jarA);
    const b = await login(jarB);
    expect(a.row.idpSid).not.toBe(b.row.idpSid);
    received.length = 0;
    await confirmAtProvider(`${op.issuer}/session/end`, jarA);
    expect(received).toEqual([200]);
    expect(await findLiveSession(handle.db, a.sessionId)).toBeNull();
    expect(await findLiveSession(handle.db, b.sessionId)).not.toBeNull();
  });

  it("a provider without a Logout Uri (nor a discovered one) signs out here only", async () => {
    const user = await boundAlice();
    const { sessionId, sessionRef, browserToken } = await login(new CookieJar());
    const [saved] = await handle.db.select().from(identityProviders).where(eq(identityProviders.id, providerId));
    await handle.db
      .update(identityProviders)
      .set({ logoutUri: null, discovery: {} })
      .where(eq(identityProviders.id, providerId));
    try {
      expect(await beginLogout(ctx, { userId: user.id, sessionRef, browserToken })).toEqual({
        redirectTo: "/login?signedOut=local",
        atProvider: false,
      });
      expect(await findLiveSession(handle.db, sessionId)).toBeNull();
    } finally {
      await handle.db
        .update(identityProviders)
        .set({ logoutUri: saved!.logoutUri, discovery: saved!.discovery })
        .where(eq(identityProviders.id, providerId));
    }
  });
});
