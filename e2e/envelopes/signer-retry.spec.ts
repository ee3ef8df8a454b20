import { expect, test, type Page } from "@playwright/test";
import { samplePdf } from "../../lib/envelopes/pdf";
import { userWithToken } from "../fixtures/api-tokens";
import { mailTo, waitForMail } from "../fixtures/mailbox";
import { demoIdpProvider } from "../fixtures/demo-idp-provider";

// Issue 16: a refused signer is not trapped in the IdP's session. The refusal names the identity
// presented and offers every other method the sender allowed; TRY AGAIN shows the IdP's login form.

const signerProvider = async (page: Page, name: string) =>
  (await demoIdpProvider(page.request, name, { usedForSignerAuthentication: true })).id;

const signIn = async (signer: Page, username: string) => {
  await signer.getByLabel("Username").fill(username);
  await signer.getByLabel("Password").fill(`${username}-password`);
  await signer.getByRole("button", { name: "Sign in" }).click();
};

test("a signer refused as bob sees who signed in and every other method, and TRY AGAIN shows the IdP's login form to sign in as alice", async ({
  page,
  browser,
}) => {
  const tag = `${Date.now()} ${Math.random().toString(36).slice(2, 7)}`;
  const first = `Retry ${tag}`;
  const second = `Other ${tag}`;
  const [firstId, secondId] = [await signerProvider(page, first), await signerProvider(page, second)];
  const sender = await userWithToken({ use_api: "ALLOW", send_envelopes: "ALLOW" });
  const auth = { authorization: `Bearer ${sender.token}` };
  const upload = await page.request.post("/api/v6/file/upload", {
    headers: auth,
    multipart: { file: { name: "c.pdf", mimeType: "application/pdf", buffer: samplePdf("Retry") } },
  });
  const subject = `Retry check ${tag}`;
  const signerEmail = `retry.${Date.now()}@example.test`;
  const filters = [{ CompareOperation: "Equals", FilterId: "Email", FilterValue: "alice@example.com" }];
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
                FirstName: "Alice",
                LastName: "Signer",
                AuthenticationMethods: [
                  { Method: "CustomOAuthProvider", ProviderId: firstId, Filters: filters },
                  { Method: "CustomOAuthProvider", ProviderId: secondId, Filters: filters },
                  { Method: "AccessCode", Parameter: "tulip-4711" },
                ],
              },
            ],
          },
        ],
      },
    },
  });
  expect(sent.status()).toBe(201);
  const envelopeId = (await sent.json()).EnvelopeId as string;
  const mail = await waitForMail(mailTo(signerEmail, subject));
  const link = /http:\/\/localhost:\d+\/sign\/[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0];
  expect(link).toBeTruthy();

  const signer = await (await browser.newContext()).newPage();
  await signer.goto(link!);
  await signer.getByRole("button", { name: `Sign in with ${first}` }).click();
  await signIn(signer, "bob");
  await signer.waitForURL(/\/sign\/[A-Za-z0-9_-]{43}\?auth=failed/);
  await signer.screenshot({ path: "/tmp/retry-shots/signer-refused.png", fullPage: true });

  const window = signer.getByRole("region", { name: "Authenticate to sign" });
  const refusal = window.getByRole("alert");
  await expect(refusal).toContainText("We could not confirm your identity");
  // The identity the IdP presented, not why the filter failed.
  await expect(refusal).toContainText(`You signed in at ${first} as bob@example.com`);
  await expect(refusal).not.toContainText("alice@example.com");
  await expect(refusal).not.toContainText("Equals");
  // Every other method the sender allowed is offered right there.
  await expect(window.getByRole("button", { name: `Try again with ${first}` })).toBeVisible();
  await expect(window.getByRole("button", { name: `Sign in with ${second}` })).toBeVisible();
  await expect(window.getByLabel("Access code")).toBeVisible();

  // The audit trail's refusal names the identity presented.
  const trail = await (await page.request.get(`/api/v6/envelope/${envelopeId}/audit-trail`, { headers: auth })).json();
  const failed = trail.events.find((e: { action: string }) => e.action === "AuthenticationFailed");
  expect(failed.data).toMatchObject({ step: "filter", presented: "bob@example.com" });

  // TRY AGAIN reaches the IdP's login form although bob's session there is alive.
  await window.getByRole("button", { name: `Try again with ${first}` }).click();
  await expect(signer.getByLabel("Username")).toBeVisible();
  expect(new URL(signer.url()).origin).toBe(new URL(process.env.E2E_IDP_ISSUER!).origin);
  await signer.screenshot({ path: "/tmp/retry-shots/signer-retry-login.png", fullPage: true });
  await signIn(signer, "alice");
  await signer.waitForURL(/\/sign\/[A-Za-z0-9_-]{43}\?auth=ok/);
  await expect(signer.getByText("You are authenticated.")).toBeVisible();
  await expect(signer.getByRole("region", { name: "Document: c.pdf" })).toBeVisible();
});
