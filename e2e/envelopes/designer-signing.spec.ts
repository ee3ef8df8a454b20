import { expect, test, type Browser, type Page } from "@playwright/test";
import { samplePdf } from "../../lib/envelopes/pdf";
import { tokenFor } from "../fixtures/api-tokens";
import { mailTo, waitForMail } from "../fixtures/mailbox";
import { adminCredentials, signIn } from "../fixtures/session";

const issuer = () => process.env.E2E_IDP_ISSUER!;

/** Provider X against the real test IdP: Validate on the email, Update on the last name. */
async function signerProvider(page: Page): Promise<string> {
  const auth = { authorization: `Bearer ${await tokenFor(adminCredentials().email)}` };
  const discovered = await (
    await page.request.post("/api/v6/identity-providers/discovery", {
      headers: auth,
      data: { url: `${issuer()}/.well-known/openid-configuration` },
    })
  ).json();
  const name = `Signer IdP ${Date.now()} ${Math.random().toString(36).slice(2, 7)}`;
  const created = await page.request.post("/api/v6/identity-providers", {
    headers: auth,
    data: {
      ...discovered.input,
      name,
      clientId: "client-basic",
      clientSecret: process.env.E2E_IDP_BASIC_SECRET!,
      scope: "openid email profile",
      usedForSignerAuthentication: true,
      jwt: {
        ...discovered.input.jwt,
        mappings: [
          { path: "email", mode: "validate", field: "email" },
          { path: "family_name", mode: "update", field: "lastName" },
        ],
      },
    },
  });
  expect(created.status()).toBe(201);
  return name;
}

/** The sender designs and sends the envelope in the browser; returns its id. */
async function designAndSend(
  page: Page,
  envelopeName: string,
  providerName: string,
  signerEmail: string,
): Promise<string> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "NEW DOCUMENT" }).click();
  await expect(page.getByRole("heading", { name: "Create envelope" })).toBeVisible();
  await page.getByLabel("Envelope name").fill(envelopeName);
  await page.getByLabel("Message").fill("Please sign the contract.");
  await page
    .getByLabel("Upload PDF")
    .setInputFiles({ name: "contract.pdf", mimeType: "application/pdf", buffer: samplePdf("Contract") });
  await expect(page.getByText("contract.pdf")).toBeVisible();
  const recipient = page.getByRole("listitem", { name: "Recipient 1" });
  await recipient.getByLabel("First name").fill("Alice");
  await recipient.getByLabel("Last name").fill("Placeholder");
  await recipient.getByLabel("Email").fill(signerEmail);
  await recipient.getByLabel(providerName, { exact: true }).check();
  // A click on the rendered page places the signer's field there.
  await page.getByTestId("drop-1-1").click({ position: { x: 150, y: 600 } });
  await expect(page.getByRole("button", { name: /^Signature field 1 of recipient 1 .* on page 1 at/ })).toBeVisible();
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await page.waitForURL(/\/documents\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: envelopeName })).toBeVisible();
  return page.url().split("/").at(-1)!;
}

/** A's own browser: the link from the mail, the provider window, the IdP's login. */
async function openLinkAndAuthenticate(
  browser: Browser,
  envelopeName: string,
  providerName: string,
  login: { username: string; password: string },
) {
  const mail = await waitForMail(mailTo("alice@example.com", envelopeName));
  expect(mail.text).toContain("Please sign the contract.");
  const link = /http:\/\/localhost:\d+\/sign\/[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0];
  expect(link).toBeTruthy();
  const signer = await (await browser.newContext()).newPage();
  await signer.goto(link!);
  await expect(signer.getByRole("heading", { name: "Authenticate to sign" })).toBeVisible();
  await expect(signer.getByRole("region", { name: /^Document: / })).toHaveCount(0); // nothing of the document before authentication
  await signer.getByRole("button", { name: new RegExp(`Sign in with ${providerName}`) }).click();
  await signer.getByLabel("Username").fill(login.username);
  await signer.getByLabel("Password").fill(login.password);
  await signer.getByRole("button", { name: "Sign in" }).click();
  return { signer, link: link! };
}

test("a signer authenticates at the required provider, signs, and the envelope completes with the IdP's last name", async ({
  page,
  browser,
}) => {
  await signIn(page);
  const providerName = await signerProvider(page);
  const envelopeName = `Contract ${Date.now()}`;
  const id = await designAndSend(page, envelopeName, providerName, "alice@example.com");
  await expect(page.getByRole("table", { name: "Recipients" })).toContainText("Required, not yet authenticated");

  const { signer, link } = await openLinkAndAuthenticate(browser, envelopeName, providerName, {
    username: "alice",
    password: "alice-password",
  });
  await expect(signer.getByText("You are authenticated.")).toBeVisible();
  await expect(signer.getByRole("region", { name: "Document: contract.pdf" })).toBeVisible();
  // pdf.js drew the page in the app (its worker served by the app, allowed by the page's CSP).
  await expect(signer.getByRole("group", { name: "contract.pdf, page 1 of 1" })).toHaveAttribute(
    "data-rendered",
    "true",
  );
  await signer.getByLabel("I have read the document and agree to sign it electronically.").check();
  await signer.getByRole("button", { name: "Signature: click to sign" }).click();
  await expect(signer.getByRole("button", { name: "Signature signed" })).toBeVisible();
  await signer.getByRole("button", { name: "Finish" }).click();
  await expect(signer.getByText("You have signed this document")).toBeVisible();

  // The link opened in another browser after finishing: nothing to sign, no document.
  const other = await (await browser.newContext()).newPage();
  await other.goto(link);
  await expect(other.getByText("You have signed this document")).toBeVisible();
  expect((await other.request.get(`${link}/document/1`)).status()).toBe(404);

  await page.reload();
  await expect(page.getByText("Status: completed")).toBeVisible();
  await expect(page.getByRole("table", { name: "Recipients" })).toContainText("Alice Anders");
  const envelope = await (await page.request.get(`/api/v6/envelope/${id}`)).json();
  expect(envelope).toMatchObject({
    Status: "completed",
    Steps: [{ Recipients: [{ Email: "alice@example.com", LastName: "Anders", AuthenticationState: "Authenticated" }] }],
  });

  const success = page.getByRole("row").filter({ hasText: "AuthenticationSuccess" });
  await expect(success).toContainText(`Authenticated with provider '${providerName}' and id 'sub-alice'`);
  await expect(page.getByRole("row").filter({ hasText: "RecipientDataUpdated" })).toContainText(
    "lastName: 'Placeholder' → 'Anders'",
  );
  const trail = await (await page.request.get(`/api/v6/envelope/${id}/audit-trail`)).json();
  const event = trail.events.find((e: { action: string }) => e.action === "AuthenticationSuccess");
  expect(event.data).toMatchObject({
    providerName,
    subject: "sub-alice",
    claims: { email: "alice@example.com", family_name: "Anders" },
  });
  expect(trail.events.map((e: { action: string }) => e.action)).toEqual(
    expect.arrayContaining(["AgreementAccepted", "SignWorkstepDocument", "WorkstepFinished", "EnvelopeCompleted"]),
  );
  const raw = JSON.stringify(trail);
  expect(raw).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
  expect(raw).not.toMatch(/access_token|id_token|refresh_token/);
  expect(raw).not.toContain(process.env.E2E_IDP_BASIC_SECRET!);
  await waitForMail(mailTo(adminCredentials().email, `Completed: ${envelopeName}`));
});

test("a signer whose IdP email differs is refused with a clear message; the trail names the failing mapping", async ({
  page,
  browser,
}) => {
  await signIn(page);
  const providerName = await signerProvider(page);
  const envelopeName = `Mismatch ${Date.now()}`;
  const id = await designAndSend(page, envelopeName, providerName, "alice@example.com");

  const { signer } = await openLinkAndAuthenticate(browser, envelopeName, providerName, {
    username: "bob",
    password: "bob-password",
  });
  await expect(signer.getByRole("region", { name: "Authenticate to sign" }).getByRole("alert")).toContainText(
    "We could not confirm your identity",
  );
  await expect(signer.getByRole("button", { name: `Try again with ${providerName}` })).toBeVisible();
  await expect(signer.getByRole("region", { name: /^Document: / })).toHaveCount(0);
  // Issue 16: the signer is told who signed in (their own email), still no technical detail of why.
  await expect(signer.getByRole("region", { name: "Authenticate to sign" }).getByRole("alert")).toContainText(
    `You signed in at ${providerName} as bob@example.com`,
  );
  expect(await signer.content()).not.toContain("does not match the recipient email address");

  await page.reload();
  await expect(page.getByRole("table", { name: "Recipients" })).toContainText("Failed, may retry");
  const failed = page.getByRole("row").filter({ hasText: "AuthenticationFailed" });
  await expect(failed).toContainText(
    "failed at step 'mapping': email → email: the value at email does not match the recipient email address",
  );
  const trail = await (await page.request.get(`/api/v6/envelope/${id}/audit-trail`)).json();
  expect(trail.events.find((e: { action: string }) => e.action === "AuthenticationFailed").data).toMatchObject({
    providerName,
    step: "mapping",
    mappings: [{ path: "email", field: "email", mode: "validate" }],
  });
});
