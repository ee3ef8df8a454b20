import { expect as baseExpect, test, type APIRequestContext } from "@playwright/test";
import { tokenFor } from "../fixtures/api-tokens";
import { deliverCode, startCodeFlow, type StartedFlow } from "../fixtures/code-flow";
import { startHostileIdp, type HostileIdp } from "../fixtures/hostile-idp";
import { TRUSTED_PEER_HOST } from "../fixtures/http-helpers";
import { adminCredentials, signIn } from "../fixtures/session";

// Issue 13 item 10 (OIDC Core 5.3.2, DESIGN "Flows"): a userinfo or resource answer about
// someone else than the ID token's subject fails the flow at the resource step, named in the
// Test connection report and the audit trail, however the provider was created.

const API = "/api/v6/identity-providers";
const ID_TOKEN_SUB = "hostile-user-1";

// Several flows per test; the shared CI machine needs the room.
test.describe.configure({ timeout: 180_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

let idp: HostileIdp;
test.beforeEach(async () => {
  idp = await startHostileIdp({ host: TRUSTED_PEER_HOST });
});
test.afterEach(async () => {
  await idp.close();
});

const admin = async () => ({ authorization: `Bearer ${await tokenFor(adminCredentials().email)}` });

/** The hostile IdP answers this flow's code with an ID token for `hostile-user-1` and resources as given. */
function answerFlow(
  flow: StartedFlow,
  resources: { userinfo?: Record<string, unknown>; person?: Record<string, unknown> },
) {
  idp.setScenario({ nonce: flow.nonce ?? undefined, idToken: { claims: { sub: ID_TOKEN_SUB } }, ...resources });
}

async function createByHand(request: APIRequestContext, over: Record<string, unknown>) {
  const created = await request.post(API, {
    headers: await admin(),
    data: {
      name: `Userinfo ${Date.now()} ${Math.random()}`,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      authorizationUri: `${idp.url}/authorize`,
      tokenUri: idp.tokenUrl,
      jwt: { jwksUri: idp.jwksUri, issuer: idp.issuer },
      ...over,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  return (await created.json()) as { id: string; userinfoUri?: string | null };
}

test("a provider created through POST from discovery keeps its userinfo endpoint; a userinfo answer about someone else fails Test connection at the resource step", async ({
  page,
}) => {
  await signIn(page);
  const auth = await admin();
  const discovered = await (
    await page.request.post(`${API}/discovery`, { headers: auth, data: { url: idp.discoveryUrl } })
  ).json();
  const created = await page.request.post(API, {
    headers: auth,
    data: {
      ...discovered.input,
      name: `Discovered ${Date.now()} ${Math.random()}`,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      resourceUris: [{ uri: idp.userinfoUrl, queryParameter: "bearer" }],
    },
  });
  expect(created.status()).toBe(201);
  const provider = (await created.json()) as { id: string; userinfoUri?: string | null };

  const flow = await startCodeFlow(page.request, provider.id);
  answerFlow(flow, { userinfo: { sub: "someone-else-42", email: "alice@example.com" } });
  await page.goto(await deliverCode(page.request, flow));
  await expect(page.getByRole("status")).toContainText("Failed at step 'resource'");
  await expect(page.getByRole("status")).toContainText("someone-else-42");
  await expect(page.getByRole("status")).toContainText(ID_TOKEN_SUB);

  expect(discovered.input.userinfoUri).toBe(idp.userinfoUrl);
  expect(provider.userinfoUri).toBe(idp.userinfoUrl);
  // The editor shows it, read-only.
  await page.goto(`/settings/identity-providers/${provider.id}`);
  const field = page.getByLabel("Userinfo endpoint");
  await expect(field).toHaveValue(idp.userinfoUrl);
  await expect(field).toHaveAttribute("readonly", "");

  // The userinfo endpoint must name the subject (OIDC Core 5.3.2): an answer without sub fails too.
  const second = await startCodeFlow(page.request, provider.id);
  answerFlow(second, { userinfo: { email: "alice@example.com" } });
  await page.goto(await deliverCode(page.request, second));
  await expect(page.getByRole("status")).toContainText("Failed at step 'resource'");
});

test("any resource URI answering another top-level sub is refused, also on a provider without a userinfo endpoint; the same sub passes", async ({
  page,
}) => {
  await signIn(page);
  const provider = await createByHand(page.request, {
    resourceUris: [{ uri: idp.personUrl, queryParameter: "bearer" }],
  });
  expect(provider.userinfoUri ?? null).toBeNull();

  const refused = await startCodeFlow(page.request, provider.id);
  answerFlow(refused, { person: { sub: "someone-else-42", name: "Mallory" } });
  await page.goto(await deliverCode(page.request, refused));
  await expect(page.getByRole("status")).toContainText("Failed at step 'resource'");
  await expect(page.getByRole("status")).toContainText("someone-else-42");

  const accepted = await startCodeFlow(page.request, provider.id);
  answerFlow(accepted, { person: { sub: ID_TOKEN_SUB, name: "Alice" } });
  await page.goto(await deliverCode(page.request, accepted));
  await expect(page.getByRole("status")).toHaveText("Connection works: every step succeeded.");

  // A resource that names no subject is another kind of API: it is not required to.
  const silent = await startCodeFlow(page.request, provider.id);
  answerFlow(silent, { person: { name: "Alice" } });
  await page.goto(await deliverCode(page.request, silent));
  await expect(page.getByRole("status")).toHaveText("Connection works: every step succeeded.");
});

test("a sign-in through the Logon URL whose resource answers about someone else is refused, and the audit trail names the step and reason", async ({
  page,
  browser,
}) => {
  await signIn(page);
  const provider = await createByHand(page.request, {
    resourceUris: [{ uri: idp.personUrl, queryParameter: "bearer" }],
    usedForUserAuthentication: true,
  });
  const visitor = await browser.newContext();
  const flow = await startCodeFlow(visitor.request, provider.id, `/oauth/login/${provider.id}`);
  answerFlow(flow, { person: { sub: "someone-else-42" } });
  expect(await deliverCode(visitor.request, flow)).toMatch(/\/login\?error=oauth_failed$/);
  await visitor.close();

  const log = await page.request.get(
    `/api/v6/audit-trail/security-log?action=LoginFailed&provider=${provider.id}&limit=5`,
  );
  const items = ((await log.json()) as { items: { data: { reason?: string } }[] }).items;
  expect(items).toHaveLength(1);
  expect(items[0]!.data.reason).toMatch(/^resource: /);
  expect(items[0]!.data.reason).toContain("someone-else-42");
});
