import { expect, test, type Browser, type Page } from "@playwright/test";
import { samplePdf } from "../../lib/envelopes/pdf";
import { tokenFor, userWithToken } from "../fixtures/api-tokens";
import { mailTo, waitForMail } from "../fixtures/mailbox";
import { adminCredentials } from "../fixtures/session";

// Issue 13 item 8: email comparisons fold ASCII case only (the domain through IDNA), and an
// email the identity provider marks unverified fails Email filters and the email Validate
// mapping. Each case: a signer whose identity at the real test IdP must not pass.

type Mapping = { path: string; mode: "validate" | "update"; field: string };
type Filter = { CompareOperation: string; FilterId: string; FilterValue: string };

async function signerProvider(page: Page, mappings: Mapping[]): Promise<string> {
  const auth = { authorization: `Bearer ${await tokenFor(adminCredentials().email)}` };
  const discovered = await (
    await page.request.post("/api/v6/identity-providers/discovery", {
      headers: auth,
      data: { url: `${process.env.E2E_IDP_ISSUER}/.well-known/openid-configuration` },
    })
  ).json();
  const created = await page.request.post("/api/v6/identity-providers", {
    headers: auth,
    data: {
      ...discovered.input,
      name: `Identity ${Date.now()} ${Math.random().toString(36).slice(2, 7)}`,
      clientId: "client-basic",
      clientSecret: process.env.E2E_IDP_BASIC_SECRET!,
      scope: "openid email profile",
      usedForSignerAuthentication: true,
      jwt: { ...discovered.input.jwt, mappings },
    },
  });
  expect(created.status()).toBe(201);
  return (await created.json()).id;
}

/** Sends over REST an envelope whose one signer must authenticate at the provider with these filters. */
async function sendEnvelope(page: Page, providerId: string, signerEmail: string, filters: Filter[]) {
  const sender = await userWithToken({ use_api: "ALLOW", send_envelopes: "ALLOW" });
  const auth = { authorization: `Bearer ${sender.token}` };
  const upload = await page.request.post("/api/v6/file/upload", {
    headers: auth,
    multipart: { file: { name: "c.pdf", mimeType: "application/pdf", buffer: samplePdf("Identity") } },
  });
  expect(upload.status()).toBe(201);
  const subject = `Identity check ${Date.now()} ${Math.random().toString(36).slice(2, 7)}`;
  const sent = await page.request.post("/api/v6/envelope/send", {
    headers: auth,
    data: {
      SspFileIds: [(await upload.json()).FileId],
      SendEnvelopeDescription: {
        Name: subject,
        EmailSubject: subject,
        Steps: [
          {
            OrderIndex: 1,
            RecipientType: "Signer",
            Recipients: [
              {
                Email: signerEmail,
                FirstName: "Sam",
                LastName: "Signer",
                AuthenticationMethods: [{ Method: "CustomOAuthProvider", ProviderId: providerId, Filters: filters }],
              },
            ],
          },
        ],
      },
    },
  });
  expect(sent.status()).toBe(201);
  return { id: (await sent.json()).EnvelopeId as string, subject, auth };
}

/** The signer opens the mailed link in a fresh browser and signs in at the IdP as `username`. */
async function authenticateAs(browser: Browser, signerEmail: string, subject: string, username: string): Promise<Page> {
  const mail = await waitForMail(mailTo(signerEmail, subject));
  const link = /http:\/\/localhost:\d+\/sign\/[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0];
  expect(link).toBeTruthy();
  const signer = await (await browser.newContext()).newPage();
  await signer.goto(link!);
  await signer.getByRole("button", { name: /^Sign in with Identity / }).click();
  await signer.getByLabel("Username").fill(username);
  await signer.getByLabel("Password").fill(`${username}-password`);
  await signer.getByRole("button", { name: "Sign in" }).click();
  await signer.waitForURL(/\/sign\/[A-Za-z0-9_-]{43}\?auth=/);
  return signer;
}

async function expectRefused(page: Page, signer: Page, envelope: { id: string; auth: Record<string, string> }) {
  await expect(signer.getByRole("region", { name: "Authenticate to sign" }).getByRole("alert")).toContainText(
    "We could not confirm your identity",
  );
  await expect(signer.getByRole("region", { name: /^Document: / })).toHaveCount(0);
  const trail = await (
    await page.request.get(`/api/v6/envelope/${envelope.id}/audit-trail`, { headers: envelope.auth })
  ).json();
  const actions = trail.events.map((e: { action: string }) => e.action);
  expect(actions).not.toContain("AuthenticationSuccess");
  return trail.events.find((e: { action: string }) => e.action === "AuthenticationFailed").data as {
    step: string;
    reason: string;
  };
}

test("an IdP email alıce@example.com (dotless ı) does not pass Email Equals alice@example.com", async ({
  page,
  browser,
}) => {
  const providerId = await signerProvider(page, []);
  const signerEmail = `dotless.${Date.now()}@example.test`;
  const envelope = await sendEnvelope(page, providerId, signerEmail, [
    { CompareOperation: "Equals", FilterId: "Email", FilterValue: "alice@example.com" },
  ]);
  const signer = await authenticateAs(browser, signerEmail, envelope.subject, "dotless");
  const failed = await expectRefused(page, signer, envelope);
  expect(failed).toMatchObject({ step: "filter" });
  expect(failed.reason).toContain("al\u0131ce@example.com");
});

test("an IdP email on a Kelvin-sign domain (\u212Aontoso.com) does not pass EndsWith @kontoso.com, ignoring case or not", async ({
  page,
  browser,
}) => {
  const providerId = await signerProvider(page, []);
  const signerEmail = `kelvin.${Date.now()}@example.test`;
  const envelope = await sendEnvelope(page, providerId, signerEmail, [
    { CompareOperation: "EndsWithIgnoreCase", FilterId: "Email", FilterValue: "@kontoso.com" },
  ]);
  const signer = await authenticateAs(browser, signerEmail, envelope.subject, "kelvin");
  const failed = await expectRefused(page, signer, envelope);
  expect(failed).toMatchObject({ step: "filter" });
});

test("an email the IdP marks unverified fails the Email filter; the trail says so", async ({ page, browser }) => {
  const providerId = await signerProvider(page, []);
  const signerEmail = `unverified.${Date.now()}@example.test`;
  const envelope = await sendEnvelope(page, providerId, signerEmail, [
    { CompareOperation: "Equals", FilterId: "Email", FilterValue: "carol@example.com" },
  ]);
  const signer = await authenticateAs(browser, signerEmail, envelope.subject, "carol");
  const failed = await expectRefused(page, signer, envelope);
  expect(failed).toMatchObject({ step: "filter" });
  expect(failed.reason).toContain("the identity provider says this email is not verified");
});

test("an email the IdP marks unverified fails the email Validate mapping; the trail says so", async ({
  page,
  browser,
}) => {
  const providerId = await signerProvider(page, [{ path: "email", mode: "validate", field: "email" }]);
  // The recipient's address is the IdP's (different ASCII case even): only the verification is wrong.
  const signerEmail = "Carol@Example.com";
  const envelope = await sendEnvelope(page, providerId, signerEmail, []);
  const signer = await authenticateAs(browser, "carol@example.com", envelope.subject, "carol");
  const failed = await expectRefused(page, signer, envelope);
  expect(failed).toMatchObject({ step: "mapping" });
  expect(failed.reason).toContain("the identity provider says this email is not verified");
});
