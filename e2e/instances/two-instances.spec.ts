// DESIGN "stateless app servers": two app processes on one PostgreSQL behind a load balancer.
// Flows begin on instance A and finish on instance B (the balancer sends every /oauth/callback
// to B); single use and the sign-in throttle hold across both, because their state is in
// Postgres, not in process memory.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { expect, test, type Page } from "@playwright/test";
import { E2E_PORT } from "../../playwright.config";
import { users } from "../../db/schema";
import { seedUser } from "../../db/test/seed";
import { createTestDatabase } from "../../db/test/databases";
import { createApiToken } from "../../lib/auth/api-tokens";
import { samplePdf } from "../../lib/envelopes/pdf";
import { startAppServer, type AppServer } from "../fixtures/app-server";
import { startLoadBalancer, type Backend, type LoadBalancer } from "../fixtures/load-balancer";
import { startOidcProvider, type OidcFixture } from "../fixtures/oidc-provider";
import { startSmtpSink, type SmtpSinkFixture } from "../fixtures/smtp-sink";
import { withDb as withE2eDb } from "../fixtures/database";

test.describe.configure({ mode: "serial", timeout: 180_000 });

const A: Backend = { name: "A", port: E2E_PORT + 20 };
const B: Backend = { name: "B", port: E2E_PORT + 21 };
const admin = { email: "admin@two-instances.test", password: `two-${randomBytes(9).toString("base64url")}` };

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let idp: OidcFixture;
let smtp: SmtpSinkFixture;
let lb: LoadBalancer;
let apps: AppServer[] = [];
let sharedProviderId = "";

test.beforeAll(async () => {
  test.setTimeout(150_000);
  database = await createTestDatabase("two_instances");
  // Callbacks go to B; password sign-ins (the login page's POSTs) alternate between A and B; the rest to A.
  let loginPosts = 0;
  lb = await startLoadBalancer((path, method) =>
    path.startsWith("/oauth/callback/")
      ? B
      : method === "POST" && path.startsWith("/login")
        ? loginPosts++ % 2
          ? B
          : A
        : A,
  );
  [idp, smtp] = await Promise.all([
    startOidcProvider({ redirectUriPrefixes: [`${lb.url}/oauth/callback/`] }),
    startSmtpSink(),
  ]);
  const env = {
    DATABASE_URL: database.url,
    APP_URL: lb.url,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    SMTP_URL: smtp.url,
    TRUSTED_HOSTS: `127.0.0.1:${new URL(idp.issuer).port}`,
  };
  // Started together: they race to migrate and to create the first administrator.
  apps = await Promise.all([startAppServer(A.port, env), startAppServer(B.port, env)]);
});

test.afterAll(async () => {
  await Promise.allSettled(apps.map((a) => a.stop()));
  await Promise.allSettled([lb?.close(), idp?.close(), smtp?.close()]);
  await database?.drop();
});

const withDb = <T>(fn: Parameters<typeof withE2eDb<T>>[0]) => withE2eDb(fn, database.url);

async function adminToken(): Promise<string> {
  return withDb(async (db) => {
    const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, admin.email));
    return (
      await createApiToken(
        { db, actor: { kind: "user", userId: row!.id, email: admin.email }, ip: null, userAgent: null },
        "two-instances",
      )
    ).token;
  });
}

const servedBy = (path: string | RegExp) =>
  lb.served.filter((s) => (typeof path === "string" ? s.path === path : path.test(s.path))).map((s) => s.backend);

async function loginAtIdp(page: Page, username: string) {
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(`${username}-password`);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("binding and Logon URL login begin on instance A and finish on instance B; a replayed callback is refused on A", async ({
  page,
}) => {
  const auth = { authorization: `Bearer ${await adminToken()}` };
  const discovered = await (
    await page.request.post(`${lb.url}/api/v6/identity-providers/discovery`, {
      headers: auth,
      data: { url: `${idp.issuer}/.well-known/openid-configuration` },
    })
  ).json();
  const created = await page.request.post(`${lb.url}/api/v6/identity-providers`, {
    headers: auth,
    data: {
      ...discovered.input,
      name: "Shared IdP",
      clientId: "client-basic",
      clientSecret: idp.clients.basic.clientSecret,
      scope: "openid email",
      usedForUserAuthentication: true,
      usedForSignerAuthentication: true,
    },
  });
  expect(created.status()).toBe(201);
  const providerId = ((await created.json()) as { id: string }).id;
  sharedProviderId = providerId;
  const { user, email } = await withDb((db) => seedUser(db, { email: "dana@two-instances.test" }));
  expect(
    (
      await page.request.post(`${lb.url}/api/v6/users/${user.id}/oauth-assignments`, {
        headers: auth,
        data: { providerId },
      })
    ).status(),
  ).toBe(201);

  const mail = await smtp.waitForMail((m) => m.to.includes(email), 20_000);
  const link = mail.links.find((l) => l.startsWith(`${lb.url}/bind/`))!;
  expect(link).toBeTruthy();
  await page.goto(link);
  await page.getByRole("button", { name: "Continue to Shared IdP" }).click();
  await loginAtIdp(page, "bob");
  await expect(page.getByRole("heading", { name: "Your account is connected" })).toBeVisible();
  expect(servedBy(/^\/bind\/[^/]+\/start$/)).toEqual(["A"]);
  expect(servedBy(`/oauth/callback/${providerId}`)).toEqual(["B"]);

  await page.goto(`${lb.url}/oauth/login/${providerId}`);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  expect(servedBy(`/oauth/login/${providerId}`)).toEqual(["A"]);
  expect(servedBy(`/oauth/callback/${providerId}`)).toEqual(["B", "B"]);
  // The callback on B signs the browser in itself: no second hop.
  expect(servedBy("/oauth/login-complete")).toEqual([]);

  // The login's callback (code and state), replayed straight at instance A: already consumed on B.
  const callback = lb.served.filter((s) => s.path === `/oauth/callback/${providerId}`).at(-1)!;
  await page.goto(`http://localhost:${A.port}${callback.url}`);
  await expect(page.getByRole("heading", { name: "The sign-in could not be completed" })).toBeVisible();
});

test("a signer authentication begins on instance A and finishes on instance B; the signer signs and the envelope completes", async ({
  browser,
  request,
}) => {
  expect(sharedProviderId, "the first test created the shared provider").not.toBe("");
  const auth = { authorization: `Bearer ${await adminToken()}` };
  const upload = await request.post(`${lb.url}/api/v6/file/upload`, {
    headers: auth,
    multipart: { file: { name: "two.pdf", mimeType: "application/pdf", buffer: samplePdf("two instances") } },
  });
  expect(upload.status()).toBe(201);
  const { FileId } = await upload.json();
  const signerEmail = `signer.${Date.now()}@two-instances.test`;
  const sent = await request.post(`${lb.url}/api/v6/envelope/send`, {
    headers: auth,
    data: {
      SspFileIds: [FileId],
      SendEnvelopeDescription: {
        Name: "Two instances",
        Steps: [
          {
            OrderIndex: 1,
            Recipients: [
              {
                Email: signerEmail,
                FirstName: "Sam",
                LastName: "Signer",
                AuthenticationMethods: [{ Method: "CustomOAuthProvider", Parameter: "Shared IdP" }],
              },
            ],
          },
        ],
      },
    },
  });
  expect(sent.status(), await sent.text()).toBe(201);
  const { EnvelopeId } = await sent.json();

  const mail = await smtp.waitForMail((m) => m.to.includes(signerEmail), 20_000);
  const link = new RegExp(`${lb.url}/sign/[A-Za-z0-9_-]{43}`).exec(mail.text)?.[0];
  expect(link, "the invitation carries the signing link").toBeTruthy();
  const signer = await (await browser.newContext()).newPage();
  await signer.goto(link!);
  await signer.getByRole("button", { name: /Sign in with Shared IdP/ }).click();
  await loginAtIdp(signer, "alice");
  await signer.getByLabel("I have read the document and agree to sign it electronically.").check();
  await signer.getByRole("button", { name: "Signature: click to sign" }).click();
  await expect(signer.getByRole("button", { name: "Signature signed" })).toBeVisible();
  await signer.getByRole("button", { name: "Finish" }).click();
  await expect(signer.getByText("You have signed this document")).toBeVisible();

  expect(servedBy(/^\/sign\/[^/]+\/start$/)).toEqual(["A"]);
  expect(servedBy(`/oauth/callback/${sharedProviderId}`).at(-1)).toBe("B");
  const envelope = await (await request.get(`${lb.url}/api/v6/envelope/${EnvelopeId}`, { headers: auth })).json();
  expect(envelope).toMatchObject({
    Status: "completed",
    Steps: [{ Recipients: [{ Email: signerEmail, AuthenticationState: "Authenticated" }] }],
  });
});

test("the sign-in throttle counts failures from both instances", async ({ browser }) => {
  const { email } = await withDb((db) => seedUser(db, { email: `erin.${Date.now()}@two-instances.test` }));
  const page = await (await browser.newContext()).newPage();
  // Through the balancer (the app's origin is its URL): the sign-in POSTs alternate between A and B.
  const attempt = async (_port: number, secret: string) => {
    await page.goto(`${lb.url}/login`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(secret);
    await page.getByRole("button", { name: "Sign in" }).click();
  };
  // Failures alternating between the instances: counted apart, neither instance would reach the
  // 5 free failures before the ninth attempt, nor make the address wait before the eleventh.
  const ports = [A.port, B.port, A.port, B.port, A.port, B.port, A.port, B.port, A.port];
  let throttledAt = -1;
  for (const [i, port] of ports.entries()) {
    await attempt(port, "not-the-password");
    const answer = page.getByText(/Invalid email or password|Too many failed sign-in attempts/);
    await expect(answer).toBeVisible();
    if ((await answer.textContent())?.startsWith("Too many")) {
      throttledAt = i + 1;
      break;
    }
  }
  expect(throttledAt).toBeGreaterThan(5);
  expect(throttledAt).toBeLessThanOrEqual(9);
});
