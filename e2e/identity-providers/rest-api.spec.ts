import { E2E_PORT } from "../../playwright.config";
import { eq } from "drizzle-orm";
import { expect, test } from "@playwright/test";
import { auditEvents } from "../../db/schema";
import { tokenFor, userWithToken } from "../fixtures/api-tokens";
import { openE2eDb } from "../fixtures/database";
import { adminCredentials, signIn } from "../fixtures/session";

const SECRET = "rest-secret+/:%";
const issuer = () => process.env.E2E_IDP_ISSUER!;
const input = (name: string) => ({
  name,
  clientId: "client-basic",
  clientSecret: SECRET,
  authorizationUri: `${issuer()}/auth`,
  tokenUri: `${issuer()}/token`,
  jwt: { jwksUri: `${issuer()}/jwks`, issuer: issuer() },
  resourceUris: [
    {
      uri: `${issuer()}/me`,
      queryParameter: "bearer",
      mappings: [{ path: "email", mode: "validate", field: "email" }],
    },
  ],
});

test("CRUD through the REST API with an API token; the secret never comes back; every change audited without it", async ({
  request,
}) => {
  const auth = { authorization: `Bearer ${await tokenFor(adminCredentials().email)}` };
  const name = `REST IdP ${Date.now()}`;
  const created = await request.post("/api/v6/identity-providers", { headers: auth, data: input(name) });
  expect(created.status()).toBe(201);
  const provider = await created.json();
  expect(provider).toMatchObject({
    name,
    clientSecretSet: true,
    kind: "both",
    redirectUri: `http://localhost:${E2E_PORT}/oauth/callback/${provider.id}`,
  });
  expect(provider).not.toHaveProperty("clientSecret");

  const list = await (await request.get("/api/v6/identity-providers", { headers: auth })).json();
  expect(list.items.map((p: { id: string }) => p.id)).toContain(provider.id);
  expect(JSON.stringify(list)).not.toContain(SECRET);

  const put = await request.put(`/api/v6/identity-providers/${provider.id}`, {
    headers: auth,
    data: { ...input(name), clientSecret: "", jwt: { ...provider.jwt, validateIssuer: false } },
  });
  expect(put.status()).toBe(200);
  expect((await put.json()).jwt.validateIssuer).toBe(false);
  const patched = await request.patch(`/api/v6/identity-providers/${provider.id}`, {
    headers: auth,
    data: { enabled: false },
  });
  expect((await patched.json()).enabled).toBe(false);
  expect((await request.delete(`/api/v6/identity-providers/${provider.id}`, { headers: auth })).status()).toBe(204);
  expect((await request.get(`/api/v6/identity-providers/${provider.id}`, { headers: auth })).status()).toBe(404);

  const handle = await openE2eDb();
  try {
    const events = await handle.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.providerId, provider.id))
      .orderBy(auditEvents.seq);
    expect(events.map((e) => e.action)).toEqual([
      "ProviderCreated",
      "ProviderChanged",
      "ProviderChanged",
      "ProviderDeleted",
    ]);
    expect(events[1]!.description).toContain("warning: validateIssuer off");
    expect(JSON.stringify(events)).not.toContain(SECRET);
  } finally {
    await handle.close();
  }
});

test("wrong types answer 400 naming each JSON path; the address guard answers address_not_allowed", async ({
  request,
}) => {
  const auth = { authorization: `Bearer ${await tokenFor(adminCredentials().email)}` };
  const bad = await request.post("/api/v6/identity-providers", {
    headers: auth,
    data: { ...input("x"), name: 5, pkce: "yes", jwt: { jwksUri: "not a url", issuer: "i" } },
  });
  expect(bad.status()).toBe(400);
  const paths = (await bad.json()).error.details.map((d: { path: string }) => d.path);
  expect(paths).toEqual(expect.arrayContaining(["$.name", "$.pkce", "$.jwt.jwksUri"]));

  const guarded = await request.post("/api/v6/identity-providers", {
    headers: auth,
    data: { ...input(`Guarded ${Date.now()}`), tokenUri: "https://127.0.0.2/token" },
  });
  expect(guarded.status()).toBe(400);
  expect((await guarded.json()).error).toMatchObject({
    code: "address_not_allowed",
    details: [{ path: "$.tokenUri" }],
  });

  const notJson = await request.post("/api/v6/identity-providers", {
    headers: { ...auth, "content-type": "application/json" },
    data: "{nope",
  });
  expect(notJson.status()).toBe(400);
});

test("anonymous → 401, a bad token → 401, a user without the permission → 403, also when guessing ids", async ({
  request,
}) => {
  expect((await request.get("/api/v6/identity-providers")).status()).toBe(401);
  expect(
    (await request.get("/api/v6/identity-providers", { headers: { authorization: "Bearer sat_nope" } })).status(),
  ).toBe(401);
  const apiOnly = await userWithToken({ use_api: "ALLOW" });
  const headers = { authorization: `Bearer ${apiOnly.token}` };
  expect((await request.get("/api/v6/identity-providers", { headers })).status()).toBe(403);
  expect((await request.post("/api/v6/identity-providers", { headers, data: input("nope") })).status()).toBe(403);
  expect((await request.delete(`/api/v6/identity-providers/${crypto.randomUUID()}`, { headers })).status()).toBe(403);
  const noApi = await userWithToken({ configure_identity_providers: "ALLOW" });
  expect(
    (await request.get("/api/v6/identity-providers", { headers: { authorization: `Bearer ${noApi.token}` } })).status(),
  ).toBe(403);
});

test("with the session, a cross-origin state change is refused", async ({ page }) => {
  await signIn(page);
  const evil = await page.request.post("/api/v6/identity-providers", {
    headers: { origin: "https://evil.example" },
    data: input(`Evil ${Date.now()}`),
  });
  expect(evil.status()).toBe(403);
  const same = await page.request.post("/api/v6/identity-providers", {
    headers: { origin: `http://localhost:${E2E_PORT}` },
    data: input(`Same ${Date.now()}`),
  });
  expect(same.status()).toBe(201);
});

test("discovery through the API, and the public JWKS of a private_key_jwt provider", async ({ request }) => {
  const auth = { authorization: `Bearer ${await tokenFor(adminCredentials().email)}` };
  const discovered = await request.post("/api/v6/identity-providers/discovery", {
    headers: auth,
    data: { url: `${issuer()}/.well-known/openid-configuration` },
  });
  expect(discovered.status()).toBe(200);
  expect((await discovered.json()).input).toMatchObject({ tokenUri: `${issuer()}/token`, jwt: { issuer: issuer() } });

  const created = await (
    await request.post("/api/v6/identity-providers", {
      headers: auth,
      data: { ...input(`PKJWT ${Date.now()}`), clientSecret: null, tokenEndpointAuthMethod: "private_key_jwt" },
    })
  ).json();
  const jwks = await request.get(`/oauth/jwks/${created.id}`);
  expect(jwks.status()).toBe(200);
  const body = await jwks.json();
  expect(body.keys).toHaveLength(1);
  expect(body.keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", kid: created.publicJwks.keys[0].kid });
  expect(body.keys[0]).not.toHaveProperty("d");
});
