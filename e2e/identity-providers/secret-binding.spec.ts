import { expect as baseExpect, test, type APIRequestContext } from "@playwright/test";
import { decodeProtectedHeader, importJWK, jwtVerify, type JWK } from "jose";
import { tokenFor } from "../fixtures/api-tokens";
import { deliverCode, startCodeFlow } from "../fixtures/code-flow";
import { startHostileIdp, type HostileIdp } from "../fixtures/hostile-idp";
import { TRUSTED_PEER_HOST } from "../fixtures/http-helpers";
import type { RecordedRequest } from "../fixtures/oauth2-scenario";
import { adminCredentials, signIn } from "../fixtures/session";

// Issue 13 item 3 (TESTING 42): a stored client secret or private key is used only with the
// token endpoint, client id and method it was entered for. The listener stands for an
// attacker's endpoint at another origin; whatever is saved, it must receive nothing secret.

const issuer = () => process.env.E2E_IDP_ISSUER!;
const SECRET = () => process.env.E2E_IDP_BASIC_SECRET!;
const API = "/api/v6/identity-providers";

// Several flows per test; the shared CI machine needs the room.
test.describe.configure({ timeout: 180_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

let listener: HostileIdp;
test.beforeEach(async () => {
  listener = await startHostileIdp({ host: TRUSTED_PEER_HOST });
});
test.afterEach(async () => {
  await listener.close();
});

async function admin() {
  return { authorization: `Bearer ${await tokenFor(adminCredentials().email)}` };
}

async function createProvider(request: APIRequestContext, over: Record<string, unknown>) {
  const auth = await admin();
  const discovered = await (
    await request.post(`${API}/discovery`, {
      headers: auth,
      data: { url: `${issuer()}/.well-known/openid-configuration` },
    })
  ).json();
  const created = await request.post(API, {
    headers: auth,
    data: {
      ...discovered.input,
      name: `Bound secret ${Date.now()} ${Math.random()}`,
      clientId: "client-basic",
      clientSecret: SECRET(),
      ...over,
    },
  });
  expect(created.status()).toBe(201);
  return (await created.json()) as Record<string, unknown> & { id: string; publicJwks: { keys: JWK[] } | null };
}

/** Whatever form the secret could travel in: in clear, form-encoded, inside Basic credentials, or as the HMAC key of an assertion. */
async function requestsCarrying(requests: RecordedRequest[], secret: string): Promise<string[]> {
  const found: string[] = [];
  for (const r of requests) {
    const basic = /^Basic (.+)$/i.exec(r.authorization ?? "")?.[1];
    const decoded = basic ? Buffer.from(basic, "base64").toString("utf8") : "";
    const form = new URLSearchParams(r.body);
    // RFC 6749 2.3.1: Basic credentials are form-urlencoded before base64 ("+" is a space).
    const credentials = decoded.split(":").map((p) => decodeURIComponent(p.replaceAll("+", " ")));
    const texts = [r.body, r.search, r.authorization ?? "", decoded, ...credentials, form.get("client_secret") ?? ""];
    if (texts.some((t) => t.includes(secret) || t.includes(encodeURIComponent(secret))))
      found.push(`${r.method} ${r.path}: the secret itself`);
    const assertion = form.get("client_assertion");
    if (assertion && decodeProtectedHeader(assertion).alg?.startsWith("HS")) {
      const signedWithSecret = await jwtVerify(assertion, new TextEncoder().encode(secret)).then(
        () => true,
        () => false,
      );
      if (signedWithSecret) found.push(`${r.method} ${r.path}: a client_assertion signed with the secret`);
    }
  }
  return found;
}

/** Test connection over HTTP, with a code delivered to the callback: whatever Token Uri is saved gets called now. */
async function runTestConnection(request: APIRequestContext, providerId: string) {
  const flow = await startCodeFlow(request, providerId);
  return deliverCode(request, flow);
}

const secretError = async (response: { status(): number; json(): Promise<unknown> }) => {
  const body = (await response.json()) as {
    error: { code: string; message: string; details: { path: string; message: string }[] };
  };
  return { status: response.status(), ...body.error, paths: body.error.details?.map((d) => d.path) ?? [] };
};

test("PUT of a new Token Uri origin, Client Id or method without the secret is refused naming clientSecret; the listener receives nothing secret", async ({
  page,
}) => {
  await signIn(page);
  const auth = await admin();
  const provider = await createProvider(page.request, {});
  const { id, ...saved } = provider;

  const moved = await page.request.put(`${API}/${id}`, {
    headers: auth,
    data: { ...saved, tokenUri: listener.tokenUrl },
  });
  await runTestConnection(page.request, id);
  expect(await requestsCarrying(listener.requests, SECRET())).toEqual([]);
  const refusal = await secretError(moved);
  expect(refusal).toMatchObject({ status: 400, code: "validation_failed", paths: ["$.clientSecret"] });
  expect(refusal.message).toMatch(/client secret/i);
  expect(refusal.details[0]!.message).toMatch(/enter the client secret again/i);

  for (const change of [
    { clientId: "another-client" },
    { tokenEndpointAuthMethod: "client_secret_post" },
    { tokenEndpointAuthMethod: "client_secret_jwt" },
    { tokenUri: listener.tokenUrl, clientSecret: "" },
  ]) {
    expect(
      await secretError(await page.request.put(`${API}/${id}`, { headers: auth, data: { ...saved, ...change } })),
      JSON.stringify(change),
    ).toMatchObject({ status: 400, paths: ["$.clientSecret"] });
  }
  // PATCH only enables or disables: other members are ignored, the Token Uri stays.
  const patched = await page.request.patch(`${API}/${id}`, {
    headers: auth,
    data: { enabled: true, tokenUri: listener.tokenUrl },
  });
  expect(((await patched.json()) as { tokenUri: string }).tokenUri).toBe(saved.tokenUri);

  // Nothing was half-saved; the same origin (another path) keeps the secret, and a secret given again is taken.
  expect(
    (await (await page.request.get(`${API}/${id}`, { headers: auth })).json()) as {
      tokenUri: string;
      clientSecretSet: boolean;
    },
  ).toMatchObject({ tokenUri: saved.tokenUri, clientSecretSet: true });
  expect(
    (
      await page.request.put(`${API}/${id}`, { headers: auth, data: { ...saved, tokenUri: `${saved.tokenUri}?x=1` } })
    ).status(),
  ).toBe(200);
  expect(
    (
      await page.request.put(`${API}/${id}`, {
        headers: auth,
        data: { ...saved, tokenUri: listener.tokenUrl, clientSecret: "a secret meant for the listener" },
      })
    ).status(),
  ).toBe(200);
  await runTestConnection(page.request, id);
  expect(await requestsCarrying(listener.requests, SECRET())).toEqual([]);
  expect(await requestsCarrying(listener.requests, "a secret meant for the listener")).not.toEqual([]);
});

test("client_secret_jwt: the HMAC assertion is not sent to a new origin either", async ({ page }) => {
  await signIn(page);
  const auth = await admin();
  const { id, ...saved } = await createProvider(page.request, { tokenEndpointAuthMethod: "client_secret_jwt" });
  const moved = await page.request.put(`${API}/${id}`, {
    headers: auth,
    data: { ...saved, tokenUri: listener.tokenUrl },
  });
  await runTestConnection(page.request, id);
  expect(await requestsCarrying(listener.requests, SECRET())).toEqual([]);
  expect(await secretError(moved)).toMatchObject({ status: 400, paths: ["$.clientSecret"] });
});

test("Duplicate copies no secret: the copy is marked incomplete and its Test connection sends nothing secret to a changed Token Uri", async ({
  page,
}) => {
  await signIn(page);
  const auth = await admin();
  const original = await createProvider(page.request, {});
  const duplicated = await page.request.post(`${API}/${original.id}/duplicate`, { headers: auth });
  expect(duplicated.status()).toBe(201);
  const { id: copyId, ...copy } = (await duplicated.json()) as Record<string, unknown> & { id: string; name: string };
  const moved = await page.request.put(`${API}/${copyId}`, {
    headers: auth,
    data: { ...copy, tokenUri: listener.tokenUrl },
  });
  // Issue 16: a client_secret_* provider is not saved without a secret, so the copy cannot be moved without one.
  expect(await secretError(moved)).toMatchObject({ status: 400, paths: ["$.clientSecret"] });
  const report = await runTestConnection(page.request, copyId);
  expect(await requestsCarrying(listener.requests, SECRET())).toEqual([]);
  expect(copy.clientSecretSet).toBe(false);
  // The token call is not made at all: there is no secret to make it with, and the report says so.
  expect(listener.requests.filter((r) => r.path === "/token")).toEqual([]);
  await page.goto(report);
  await expect(page.getByRole("status")).toContainText("Failed at step 'token'");
  await expect(page.getByRole("status")).toContainText("no client secret is set");

  // The list and the editor show the copy as incomplete; the original still has its secret.
  await page.goto("/settings/identity-providers");
  await expect(page.getByRole("row").filter({ hasText: copy.name })).toContainText("Needs a client secret");
  await expect(
    page
      .getByRole("row")
      .filter({ hasText: String(original.name) })
      .first(),
  ).not.toContainText("Needs a client secret");
  await page.goto(`/settings/identity-providers/${copyId}`);
  await expect(page.getByText("This provider has no client secret")).toBeVisible();
});

test("Duplicate of a private_key_jwt provider: the copy signs with its own new key, never the original's", async ({
  page,
}) => {
  await signIn(page);
  const auth = await admin();
  const original = await createProvider(page.request, {
    tokenEndpointAuthMethod: "private_key_jwt",
    clientSecret: null,
  });
  const { id: copyId, ...copy } = (await (
    await page.request.post(`${API}/${original.id}/duplicate`, { headers: auth })
  ).json()) as Record<string, unknown> & { id: string; publicJwks: { keys: JWK[] } };
  const originalKids = original.publicJwks!.keys.map((k) => k.kid);
  expect(copy.publicJwks.keys.length).toBe(1);
  expect(originalKids).not.toContain(copy.publicJwks.keys[0]!.kid);

  expect(
    (
      await page.request.put(`${API}/${copyId}`, { headers: auth, data: { ...copy, tokenUri: listener.tokenUrl } })
    ).status(),
  ).toBe(200);
  await runTestConnection(page.request, copyId);
  const assertion = new URLSearchParams(listener.requests.find((r) => r.path === "/token")!.body).get(
    "client_assertion",
  )!;
  await expect(jwtVerify(assertion, await importJWK(copy.publicJwks.keys[0]!, "RS256"))).resolves.toBeTruthy();
  await expect(jwtVerify(assertion, await importJWK(original.publicJwks!.keys[0]!, "RS256"))).rejects.toThrow();
});

test("the editor shows the refusal on the Client Secret field, and saves once the secret is entered again", async ({
  page,
}) => {
  await signIn(page);
  const provider = await createProvider(page.request, {});
  await page.goto(`/settings/identity-providers/${provider.id}`);
  await expect(page.getByText("A secret is set")).toBeVisible();
  await page.getByLabel("Token Uri").fill(listener.tokenUrl);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The client secret must be entered again" })).toBeVisible();
  const secretInput = page.getByLabel("Client Secret");
  await expect(secretInput).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText(/Enter the client secret again: the Token Uri's origin/)).toBeVisible();
  await secretInput.fill("the secret the listener was registered with");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved", { exact: true })).toBeVisible();
  await expect(page.getByText("A secret is set")).toBeVisible();
  expect(listener.requests).toEqual([]);
});

test("a client_secret_* provider is not created without its secret: 400 naming $.clientSecret, shown on the editor's field", async ({
  page,
}) => {
  await signIn(page);
  const auth = await admin();
  const discovered = await (
    await page.request.post(`${API}/discovery`, {
      headers: auth,
      data: { url: `${issuer()}/.well-known/openid-configuration` },
    })
  ).json();
  for (const method of ["client_secret_basic", "client_secret_post", "client_secret_jwt"])
    for (const clientSecret of [undefined, ""]) {
      const refused = await page.request.post(API, {
        headers: auth,
        data: {
          ...discovered.input,
          name: `No secret ${Date.now()} ${Math.random()}`,
          clientId: "client-basic",
          tokenEndpointAuthMethod: method,
          clientSecret,
        },
      });
      expect(await secretError(refused)).toMatchObject({ status: 400, paths: ["$.clientSecret"] });
    }

  await page.goto("/settings/identity-providers/new");
  await page.getByLabel("Well-known configuration URL").fill(`${issuer()}/.well-known/openid-configuration`);
  await page.getByRole("button", { name: "Load" }).click();
  await expect(page.getByLabel("Token Uri")).toHaveValue(`${issuer()}/token`);
  const name = `No secret ${Date.now()}`;
  await page.getByLabel("Provider Name").fill(name);
  await page.getByLabel("Client Id", { exact: true }).fill("client-basic");
  await page.getByRole("button", { name: "Save" }).click();
  const secretInput = page.getByLabel("Client Secret");
  await expect(secretInput).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText(/Enter the client secret: client_secret_basic sends it/)).toBeVisible();
  await expect(page).toHaveURL(/\/new$/);
  await secretInput.fill(SECRET());
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/settings\/identity-providers\/[0-9a-f-]{36}/);
  await page.goto("/settings/identity-providers");
  await expect(page.getByRole("row").filter({ hasText: name })).not.toContainText("Needs a client secret");
  expect(listener.requests).toEqual([]);
});
