import { createHash } from "node:crypto";
import { compactVerify, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, importJWK } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { startHostileIdp, type HostileIdp } from "@/e2e/fixtures/hostile-idp";
import { formDecode, startOAuth2Server, type OAuth2Fixture, type RecordedRequest } from "@/e2e/fixtures/oauth2-server";
import { closePinnedAgents } from "@/lib/net/guarded-fetch";
import { parseTrustedHosts } from "@/lib/net/trusted-hosts";
import { ASSERTION_LIFETIME_SECONDS, basicCredentials, CLIENT_ASSERTION_TYPE, formUrlEncode } from "./client-auth";
import { exchangeCode } from "./token-request";
import { FlowError, type EngineProvider } from "./types";

// TESTING 11-12 (seed 002): what each client authentication method puts on the wire, checked
// on the requests the peers recorded; the plain OAuth2 server enforces one method at a time and
// decodes client_secret_basic exactly as RFC 6749 2.3.1 says.

const out = { trustedHosts: parseTrustedHosts(["127.0.0.1"]), timeoutMs: 3_000 };
const REDIRECT_URI = "http://localhost:3000/oauth/callback/prov-1";
let server: OAuth2Fixture;
let idp: HostileIdp;

beforeAll(async () => {
  [server, idp] = await Promise.all([startOAuth2Server(), startHostileIdp()]);
});
afterAll(async () => {
  await Promise.all([server?.close(), idp?.close()]);
  await closePinnedAgents();
});
beforeEach(() => {
  server.setScenario();
  server.clearRequests();
  idp.setScenario();
});

function providerFor(changes: Partial<EngineProvider>): EngineProvider {
  return {
    id: "prov-1",
    name: "Peer",
    clientId: server.clientId,
    clientSecret: server.clientSecret,
    tokenEndpointAuthMethod: "client_secret_basic",
    signingKey: null,
    pkce: false,
    scope: "openid",
    authorizationUri: server.authorizeUrl,
    tokenUri: server.tokenUrl,
    jwt: null,
    resourceUris: [],
    subjectPath: "sub",
    userinfoEndpoint: null,
    ...changes,
  };
}

async function serverCode(): Promise<string> {
  const url = new URL(server.authorizeUrl);
  url.search = new URLSearchParams({
    client_id: server.clientId,
    redirect_uri: REDIRECT_URI,
    response_type: "code",
    state: "s",
  }).toString();
  const response = await fetch(url, { redirect: "manual" });
  return new URL(response.headers.get("location") ?? "").searchParams.get("code") ?? "";
}

const tokenRequests = (requests: RecordedRequest[]) => requests.filter((r) => r.path === "/token");
const form = (request: RecordedRequest | undefined) => new URLSearchParams(request?.body ?? "");

describe("form-urlencoding before base64 (RFC 6749 2.3.1)", () => {
  it("encodes exactly as application/x-www-form-urlencoded", () => {
    expect(formUrlEncode("a b+/:%é~*")).toBe("a+b%2B%2F%3A%25%C3%A9%7E*");
    const header = basicCredentials("id:x", "s+/:%");
    expect(Buffer.from(header.slice(6), "base64").toString()).toBe("id%3Ax:s%2B%2F%3A%25");
  });

  it("round-trips through the peer's decoding for any id and secret", () => {
    for (const secret of ["+/:%", "a b", "ü€😀", "%41", "x:y:z", "'()!*-._~"]) {
      const decoded = Buffer.from(basicCredentials("client one", secret).slice(6), "base64").toString();
      const [id = "", pass = ""] = decoded.split(":");
      expect([formDecode(id), formDecode(pass)]).toEqual(["client one", secret]);
    }
  });
});

describe("one method per request, against a peer that refuses two", () => {
  it("client_secret_basic: the Authorization header only; the peer decodes the tricky secret exactly", async () => {
    server.setScenario({ clientAuth: "client_secret_basic" });
    expect(server.clientSecret).toMatch(/[+/:%]/);
    await expect(
      exchangeCode(providerFor({}), { code: await serverCode(), redirectUri: REDIRECT_URI, codeVerifier: null }, out),
    ).resolves.toMatchObject({ tokenType: "Bearer" });
    const [request] = tokenRequests(server.requests);
    expect(request?.authorization).toBe(basicCredentials(server.clientId, server.clientSecret));
    expect([...form(request).keys()].sort()).toEqual(["code", "grant_type", "redirect_uri"]);
  });

  it("the peer really refuses a Basic header built without the form-urlencoding (the check can fail)", async () => {
    server.setScenario({ clientAuth: "client_secret_basic" });
    const raw = `Basic ${Buffer.from(`${server.clientId}:${server.clientSecret}`).toString("base64")}`;
    const body = new URLSearchParams({
      grant_type: "authorization_code",
      code: await serverCode(),
      redirect_uri: REDIRECT_URI,
    });
    const response = await fetch(server.tokenUrl, {
      method: "POST",
      headers: { authorization: raw, "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    expect(response.status).not.toBe(200);
  });

  it("client_secret_post: client_id and client_secret in the body, no Authorization header", async () => {
    server.setScenario({ clientAuth: "client_secret_post" });
    const provider = providerFor({ tokenEndpointAuthMethod: "client_secret_post" });
    await exchangeCode(provider, { code: await serverCode(), redirectUri: REDIRECT_URI, codeVerifier: null }, out);
    const [request] = tokenRequests(server.requests);
    expect(request?.authorization).toBeUndefined();
    expect(Object.fromEntries(form(request))).toMatchObject({
      client_id: server.clientId,
      client_secret: server.clientSecret,
    });
  });

  it("the peer refuses a request carrying both methods, so sending two would show", async () => {
    const body = new URLSearchParams({
      grant_type: "authorization_code",
      code: await serverCode(),
      redirect_uri: REDIRECT_URI,
      client_id: server.clientId,
      client_secret: server.clientSecret,
    });
    const headers = {
      authorization: basicCredentials(server.clientId, server.clientSecret),
      "content-type": "application/x-www-form-urlencoded",
    };
    const response = await fetch(server.tokenUrl, { method: "POST", headers, body });
    expect(await response.json()).toMatchObject({ error: "invalid_request" });
  });

  it("refuses to send a secret method without a secret, before any request", async () => {
    const err = await exchangeCode(
      providerFor({ clientSecret: null }),
      { code: "c", redirectUri: REDIRECT_URI, codeVerifier: null },
      out,
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ step: "token", reason: expect.stringMatching(/no client secret is set/) });
    expect(tokenRequests(server.requests)).toHaveLength(0);
  });
});

describe("JWT client assertions (RFC 7523), as the hostile IdP records them", () => {
  const hostile = (changes: Partial<EngineProvider>) =>
    providerFor({ clientId: idp.clientId, clientSecret: idp.clientSecret, tokenUri: idp.tokenUrl, ...changes });
  const exchange = (provider: EngineProvider) =>
    exchangeCode(provider, { code: "code-1", redirectUri: REDIRECT_URI, codeVerifier: null }, out);
  const assertionsSent = () => idp.requests.filter((r) => r.path === "/token").map((r) => form(r));

  async function signingKey() {
    const { privateKey, publicKey } = await generateKeyPair("RS256");
    return { signingKey: { kid: "app-key-1", alg: "RS256", key: privateKey }, publicKey };
  }

  it("private_key_jwt: iss = sub = client id, aud = token endpoint, kid, fresh jti, exp within 60 s; nothing else", async () => {
    const { signingKey: key, publicKey } = await signingKey();
    const provider = hostile({ tokenEndpointAuthMethod: "private_key_jwt", clientSecret: null, signingKey: key });
    const before = Math.floor(Date.now() / 1000);
    await exchange(provider);
    await exchange(provider);
    const sent = assertionsSent();
    expect(sent).toHaveLength(2);
    const jtis = new Set<unknown>();
    for (const body of sent) {
      expect(body.get("client_assertion_type")).toBe(CLIENT_ASSERTION_TYPE);
      expect(body.has("client_secret")).toBe(false);
      const assertion = body.get("client_assertion") ?? "";
      await expect(compactVerify(assertion, publicKey)).resolves.toBeDefined();
      expect(decodeProtectedHeader(assertion)).toMatchObject({ alg: "RS256", kid: "app-key-1" });
      const claims = decodeJwt(assertion);
      expect(claims).toMatchObject({ iss: idp.clientId, sub: idp.clientId, aud: idp.tokenUrl });
      expect(claims.iat).toBeGreaterThanOrEqual(before);
      expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(ASSERTION_LIFETIME_SECONDS);
      expect(claims.jti).toMatch(/^[\w-]{43}$/);
      jtis.add(claims.jti);
    }
    expect(jtis.size).toBe(2);
    expect(idp.requests.every((r) => r.authorization === undefined)).toBe(true);
  });

  it("client_secret_jwt: an HS256 assertion keyed with the secret, in the body only", async () => {
    await exchange(hostile({ tokenEndpointAuthMethod: "client_secret_jwt" }));
    const [body] = assertionsSent();
    const assertion = body?.get("client_assertion") ?? "";
    const secret = new TextEncoder().encode(idp.clientSecret);
    await expect(compactVerify(assertion, secret)).resolves.toBeDefined();
    expect(decodeJwt(assertion)).toMatchObject({ iss: idp.clientId, sub: idp.clientId, aud: idp.tokenUrl });
    expect(body?.has("client_secret")).toBe(false);
    expect(idp.requests[0]?.authorization).toBeUndefined();
  });

  it("private_key_jwt without a signing key fails with a configuration reason, before any request", async () => {
    const err = await exchange(hostile({ tokenEndpointAuthMethod: "private_key_jwt", signingKey: null })).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(FlowError);
    expect((err as FlowError).reason).toMatch(/no active signing key/);
    expect(idp.requests).toHaveLength(0);
  });

  it("none: client_id in the body, the PKCE verifier, no credentials", async () => {
    const verifier = createHash("sha256").update("x").digest("base64url");
    await exchangeCode(
      hostile({ tokenEndpointAuthMethod: "none", clientSecret: null, pkce: true }),
      { code: "c", redirectUri: REDIRECT_URI, codeVerifier: verifier },
      out,
    );
    const [body] = assertionsSent();
    expect(Object.fromEntries(body ?? [])).toEqual({
      grant_type: "authorization_code",
      code: "c",
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
      client_id: idp.clientId,
    });
    expect(idp.requests[0]?.authorization).toBeUndefined();
  });

  it("private_key_jwt signs with the key's own algorithm (an ES256 key as the app stores it, a JWK)", async () => {
    const { privateKey } = await generateKeyPair("ES256", { extractable: true });
    const key = (await importJWK(await exportJWK(privateKey), "ES256")) as CryptoKey;
    await exchange(
      hostile({ tokenEndpointAuthMethod: "private_key_jwt", signingKey: { kid: "es", alg: "ES256", key } }),
    );
    expect(decodeProtectedHeader(assertionsSent()[0]?.get("client_assertion") ?? "")).toMatchObject({
      alg: "ES256",
      kid: "es",
    });
  });
});
