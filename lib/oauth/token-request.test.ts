import { createHash } from "node:crypto";
import { checkedJwt, engineProvider } from "@/lib/testing/engine-provider";
import { decodeJwt, importJWK } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { startHostileIdp, type HostileIdp } from "@/e2e/fixtures/hostile-idp";
import { startOAuth2Server, type OAuth2Fixture, type OAuth2Scenario } from "@/e2e/fixtures/oauth2-server";
import { signInAtProvider } from "@/e2e/fixtures/oidc-login";
import { startOidcProvider, type OidcClientInfo, type OidcFixture } from "@/e2e/fixtures/oidc-provider";
import { closePinnedAgents } from "@/lib/net/guarded-fetch";
import { parseTrustedHosts } from "@/lib/net/trusted-hosts";
import { validateIdToken } from "./id-token";
import { createJwksCache } from "./jwks-cache";
import { exchangeCode } from "./token-request";
import { FlowError, type EngineProvider } from "./types";

// TESTING 11-15: the code exchange against the real OpenID Provider (oidc-provider) for each
// client authentication method, with PKCE on and off where allowed; failures against the plain
// OAuth2 server's scenarios and the hostile IdP's raw answers.

const out = { trustedHosts: parseTrustedHosts(["127.0.0.1"]), timeoutMs: 3_000 };
const REDIRECT_URI = "http://localhost:3000/oauth/callback/prov-engine";
let op: OidcFixture;
let server: OAuth2Fixture;
let idp: HostileIdp;
let endpoints: { authorization_endpoint: string; token_endpoint: string; jwks_uri: string };

beforeAll(async () => {
  [op, server, idp] = await Promise.all([startOidcProvider(), startOAuth2Server(), startHostileIdp()]);
  endpoints = (await (await fetch(`${op.issuer}/.well-known/openid-configuration`)).json()) as typeof endpoints;
});
afterAll(async () => {
  await Promise.all([op?.close(), server?.close(), idp?.close()]);
  await closePinnedAgents();
});
beforeEach(() => {
  server.setScenario();
  server.clearRequests();
  idp.setScenario();
});

async function opProvider(client: OidcClientInfo, pkce = true): Promise<EngineProvider> {
  const jwk = client.privateJwk;
  return {
    id: "prov-engine",
    name: "Test OP",
    clientId: client.clientId,
    clientSecret: client.clientSecret ?? null,
    tokenEndpointAuthMethod: client.tokenEndpointAuthMethod,
    signingKey: jwk
      ? { kid: jwk.kid ?? "", alg: jwk.alg ?? "", key: (await importJWK(jwk, jwk.alg)) as CryptoKey }
      : null,
    pkce,
    scope: "openid email profile",
    authorizationUri: endpoints.authorization_endpoint,
    tokenUri: endpoints.token_endpoint,
    jwt: checkedJwt({ jwksUri: endpoints.jwks_uri, issuer: op.issuer }),
    resourceUris: [],
    subjectPath: "sub",
    userinfoEndpoint: null,
  };
}

type Flow = { code: string; codeVerifier: string | null; nonce: string };

/** A real authorization response from the OP: alice signs in, the code comes back. */
async function opCode(provider: EngineProvider): Promise<Flow> {
  const codeVerifier = provider.pkce ? createHash("sha256").update(Math.random().toString()).digest("base64url") : null;
  const nonce = createHash("sha256").update(`n${Math.random()}`).digest("base64url");
  const url = new URL(provider.authorizationUri);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: provider.clientId,
    redirect_uri: REDIRECT_URI,
    scope: provider.scope,
    state: "st",
    nonce,
  }).toString();
  if (codeVerifier) {
    url.searchParams.set("code_challenge", createHash("sha256").update(codeVerifier).digest("base64url"));
    url.searchParams.set("code_challenge_method", "S256");
  }
  const outcome = await signInAtProvider(url, { credentials: op.people.alice });
  if (outcome.kind !== "redirect") throw new Error(`expected a redirect, got a page: ${outcome.html.slice(0, 200)}`);
  return { code: outcome.location.searchParams.get("code") ?? "", codeVerifier, nonce };
}

async function refusal(promise: Promise<unknown>): Promise<FlowError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof FlowError))
    throw new Error(`expected a FlowError, got ${err === null ? "success" : String(err)}`);
  return err;
}

describe("against the real OpenID Provider", () => {
  it.each([
    ["client_secret_basic", "basic", true],
    ["client_secret_basic", "basic", false],
    ["client_secret_post", "post", true],
    ["client_secret_post", "post", false],
    ["private_key_jwt", "privateKeyJwt", true],
    ["private_key_jwt", "privateKeyJwt", false],
    ["none", "public", true],
  ] as const)("%s (client %s, PKCE %s): the code becomes tokens and a valid ID token", async (_method, name, pkce) => {
    const provider = await opProvider(op.clients[name], pkce);
    const flow = await opCode(provider);
    const tokens = await exchangeCode(
      provider,
      { code: flow.code, redirectUri: REDIRECT_URI, codeVerifier: flow.codeVerifier },
      out,
    );
    expect(tokens.tokenType).toBe("Bearer");
    expect(tokens.accessToken).not.toBe("");
    expect(tokens.summary).toMatchObject({ tokenType: "Bearer", received: ["access_token", "id_token"] });
    expect(tokens.summary.expiresIn).toBeGreaterThan(0);
    const jwks = createJwksCache({ out });
    const idToken = await validateIdToken(tokens.idToken ?? "", provider.jwt!, {
      clientId: provider.clientId,
      expectedNonce: flow.nonce,
      jwks,
    });
    expect(idToken.claims).toMatchObject({ sub: "sub-alice", email: "alice@example.com" });
  });

  it.each(["es256", "ps256"] as const)("validates the OP's real %s ID tokens", async (name) => {
    const provider = await opProvider(op.clients[name]);
    const flow = await opCode(provider);
    const tokens = await exchangeCode(
      provider,
      { code: flow.code, redirectUri: REDIRECT_URI, codeVerifier: flow.codeVerifier },
      out,
    );
    const result = await validateIdToken(tokens.idToken ?? "", provider.jwt!, {
      clientId: provider.clientId,
      expectedNonce: flow.nonce,
      jwks: createJwksCache({ out }),
    });
    expect(result.header.alg).toBe(op.clients[name].idTokenSignedResponseAlg);
  });

  it("a public client without PKCE is refused by the engine, before any request", async () => {
    const provider = await opProvider(op.clients.public, false);
    const err = await refusal(
      exchangeCode(provider, { code: "any", redirectUri: REDIRECT_URI, codeVerifier: null }, out),
    );
    expect(err.reason).toBe("the client is public (no client authentication) and PKCE is off");
  });

  it("a wrong PKCE verifier and a reused code are invalid_grant", async () => {
    const provider = await opProvider(op.clients.basic);
    const flow = await opCode(provider);
    const wrong = await refusal(
      exchangeCode(provider, { ...flow, redirectUri: REDIRECT_URI, codeVerifier: "w".repeat(43) }, out),
    );
    expect(wrong.reason).toMatch(/^the token endpoint answered HTTP 400 with error invalid_grant/);
    const again = await opCode(provider);
    await exchangeCode(provider, { ...again, redirectUri: REDIRECT_URI }, out);
    const reused = await refusal(exchangeCode(provider, { ...again, redirectUri: REDIRECT_URI }, out));
    expect(reused.reason).toMatch(/invalid_grant/);
    expect(`${reused.reason}${reused.hint}`).not.toContain(again.code);
  });

  it("a wrong client secret is invalid_client, and the reason holds no secret", async () => {
    const provider = { ...(await opProvider(op.clients.basic)), clientSecret: "wrong+/:%secret" };
    const flow = await opCode(provider);
    const err = await refusal(exchangeCode(provider, { ...flow, redirectUri: REDIRECT_URI }, out));
    expect(err.reason).toMatch(/HTTP 401 with error invalid_client/);
    expect(`${err.reason}${err.hint}`).not.toMatch(/wrong|secret\+/);
  });

  it("12. private_key_jwt: each exchange has a fresh jti; the OP refuses a replayed assertion", async () => {
    const assertions: string[] = [];
    const details: string[] = [];
    op.provider.on("grant.success", (ctx) =>
      assertions.push(String((ctx as { oidc: { params: Record<string, unknown> } }).oidc.params.client_assertion)),
    );
    op.provider.on("grant.error", (_ctx, err) =>
      details.push(String((err as { error_detail?: unknown }).error_detail)),
    );
    const provider = await opProvider(op.clients.privateKeyJwt);
    for (let i = 0; i < 2; i++) {
      const flow = await opCode(provider);
      await exchangeCode(provider, { ...flow, redirectUri: REDIRECT_URI }, out);
    }
    expect(assertions).toHaveLength(2);
    const [first, second] = assertions.map((a) => decodeJwt(a));
    expect(first?.jti).not.toBe(second?.jti);
    expect(first).toMatchObject({ iss: "client-pkjwt", sub: "client-pkjwt", aud: endpoints.token_endpoint });

    // Replay the first assertion, byte for byte, with a fresh code: the peer refuses it.
    const flow = await opCode(provider);
    const body = new URLSearchParams({
      grant_type: "authorization_code",
      code: flow.code,
      redirect_uri: REDIRECT_URI,
      code_verifier: flow.codeVerifier ?? "",
    });
    body.set("client_id", "client-pkjwt");
    body.set("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    body.set("client_assertion", assertions[0] ?? "");
    const replay = await fetch(endpoints.token_endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ error: "invalid_client" });
    expect(details).toContain("client assertion tokens must only be used once");
    // The same code with the engine's fresh assertion goes through: the jti was the problem.
    await expect(exchangeCode(provider, { ...flow, redirectUri: REDIRECT_URI }, out)).resolves.toMatchObject({
      tokenType: "Bearer",
    });
  });
});

describe("the plain OAuth2 server: failures (14), token_type (13), redirect_uri (15)", () => {
  const provider = (): EngineProvider =>
    engineProvider(
      {
        clientId: server.clientId,
        clientSecret: server.clientSecret,
        authorizationUri: server.authorizeUrl,
        tokenUri: server.tokenUrl,
      },
      { id: "prov-2", name: "OAuth2", pkce: false, scope: "profile", subjectPath: "id" },
    );
  async function serverCode(redirectUri = REDIRECT_URI): Promise<string> {
    const url = new URL(server.authorizeUrl);
    url.search = new URLSearchParams({
      client_id: server.clientId,
      redirect_uri: redirectUri,
      response_type: "code",
      state: "s",
    }).toString();
    return (
      new URL((await fetch(url, { redirect: "manual" })).headers.get("location") ?? "").searchParams.get("code") ?? ""
    );
  }

  it.each<[string, Partial<OAuth2Scenario>, RegExp]>([
    [
      "invalid_grant",
      { tokenFailure: "invalid_grant" },
      /^the token endpoint answered HTTP 400 with error invalid_grant \("scenario: invalid_grant"\)$/,
    ],
    ["a 5xx", { tokenFailure: "server_error" }, /HTTP 500 with error server_error/],
    [
      "an HTML page",
      { tokenFailure: "html" },
      /^the token endpoint's answer is not JSON \(content type "text\/html; charset=utf-8"\)$/,
    ],
    ["no access_token", { tokenFailure: "no_access_token" }, /^the token response has no access_token$/],
    ["a huge answer", { tokenFailure: "huge" }, /larger than the limit of 1048576 bytes/],
    ["a slow answer", { tokenDelayMs: 1_500 }, /did not answer within 300 ms/],
  ])("%s → a clean FlowError naming the step, with no secret, code or token", async (_name, scenario, reason) => {
    server.setScenario(scenario);
    const code = await serverCode();
    const err = await refusal(
      exchangeCode(provider(), { code, redirectUri: REDIRECT_URI, codeVerifier: null }, { ...out, timeoutMs: 300 }),
    );
    expect(err.step).toBe("token");
    expect(err.reason).toMatch(reason);
    expect(err.hint).toBeTruthy();
    const shown = `${err.message} ${err.reason} ${err.hint}`;
    for (const secret of [server.clientSecret, code, encodeURIComponent(server.clientSecret)])
      expect(shown).not.toContain(secret);
  });

  it("refuses a token endpoint the address guard does not trust", async () => {
    const err = await refusal(
      exchangeCode(
        { ...provider(), tokenUri: `http://127.0.0.2:${server.port}/token` },
        { code: "c", redirectUri: REDIRECT_URI, codeVerifier: null },
        out,
      ),
    );
    expect(err).toMatchObject({ step: "token", reason: expect.stringMatching(/trusted/) });
  });

  it.each(["bearer", "BEARER", "Bearer", "bEaReR"])("normalises token_type %j to Bearer (13)", async (tokenType) => {
    server.setScenario({ tokenType });
    const tokens = await exchangeCode(
      provider(),
      { code: await serverCode(), redirectUri: REDIRECT_URI, codeVerifier: null },
      out,
    );
    expect(tokens.tokenType).toBe("Bearer");
  });

  it("15. sends the authorization request's redirect_uri byte for byte; another one is invalid_grant", async () => {
    const odd = "http://localhost:3000/oauth/callback/prov-2?x=a%2Fb&y=%C3%A9+z";
    await exchangeCode(provider(), { code: await serverCode(odd), redirectUri: odd, codeVerifier: null }, out);
    const sent = new URLSearchParams(server.requests.find((r) => r.path === "/token")?.body ?? "");
    expect(sent.get("redirect_uri")).toBe(odd);
    const err = await refusal(
      exchangeCode(provider(), { code: await serverCode(odd), redirectUri: `${odd}&`, codeVerifier: null }, out),
    );
    expect(err.reason).toMatch(/invalid_grant \("redirect_uri differs from the authorization request"\)/);
  });
});

describe("odd token responses (hostile IdP)", () => {
  const provider = (): EngineProvider =>
    engineProvider(
      {
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        authorizationUri: `${idp.url}/authorize`,
        tokenUri: idp.tokenUrl,
      },
      { id: "prov-3", name: "Hostile", tokenEndpointAuthMethod: "client_secret_post", pkce: false },
    );
  const exchange = () =>
    exchangeCode(provider(), { code: "the-code-12345", redirectUri: REDIRECT_URI, codeVerifier: null }, out);

  it.each<[string, Record<string, unknown>, RegExp]>([
    ["no token_type", { token_type: undefined }, /^the token response has no token_type$/],
    ["an empty access_token", { access_token: "" }, /^the token response has no access_token$/],
    ["a non-string id_token", { id_token: 42 }, /^the token response's id_token is not a string$/],
  ])("refuses %s", async (_name, tokenResponse, reason) => {
    idp.setScenario({ tokenResponse });
    expect((await refusal(exchange())).reason).toMatch(reason);
  });

  it("keeps other token types as they are, and reports what was received without the tokens", async () => {
    idp.setScenario({
      idToken: null,
      tokenResponse: { token_type: "N_A", refresh_token: "r-secret", expires_in: "120", scope: "openid email" },
    });
    const tokens = await exchange();
    expect(tokens).toMatchObject({ tokenType: "N_A", idToken: null });
    expect(tokens.summary).toEqual({
      tokenType: "N_A",
      expiresIn: 120,
      scope: "openid email",
      received: ["access_token", "refresh_token"],
    });
  });

  it("treats an error member as an error even with HTTP 200", async () => {
    idp.setScenario({
      tokenRaw: { status: 200, contentType: "application/json", body: '{"error":"bad_verification_code"}' },
    });
    expect((await refusal(exchange())).reason).toBe(
      "the token endpoint answered HTTP 200 with error bad_verification_code",
    );
  });

  it("quotes, caps and redacts the peer's error_description; a redirect is not followed", async () => {
    const description = `<script>alert(1)</script>\n"quoted" the-code-12345 ${idp.clientSecret} ${"x".repeat(500)}`;
    idp.setScenario({
      tokenRaw: {
        status: 400,
        contentType: "application/json",
        body: JSON.stringify({ error: "invalid_request", error_description: description }),
      },
    });
    const err = await refusal(exchange());
    expect(err.reason).toContain(
      'with error invalid_request ("<script>alert(1)</script>\\"quoted\\" [redacted] [redacted] xxx',
    );
    expect(err.reason).not.toContain("\n");
    expect(err.reason.length).toBeLessThan(300);
    idp.setScenario({
      tokenRaw: {
        status: 302,
        contentType: "text/plain",
        body: "",
        headers: { location: "http://127.0.0.1:1/elsewhere" },
      },
    });
    expect((await refusal(exchange())).reason).toMatch(/redirect \(HTTP 302\); redirects are not followed/);
  });

  it("shows an error code outside the RFC 6749 charset only as quoted text", async () => {
    idp.setScenario({
      tokenRaw: { status: 400, contentType: "application/json", body: JSON.stringify({ error: 'bad"\u0007code' }) },
    });
    expect((await refusal(exchange())).reason).toBe('the token endpoint answered HTTP 400 with error "bad\\"code"');
  });
});
