import { expect, test } from "@playwright/test";
import { fillRecipient, newEnvelopeWithPdf } from "../fixtures/designer";
import { mailTo, waitForMail } from "../fixtures/mailbox";
import { signIn } from "../fixtures/session";

test("a signer authenticates with the access code (after one wrong try) and signs; the trail shows both, never the code", async ({
  page,
  browser,
}) => {
  const code = `acc-${Date.now().toString(36)}`;
  const envelopeName = `Access code ${Date.now()}`;
  const email = `carol.${Date.now().toString(36)}@example.test`;
  await signIn(page);
  await newEnvelopeWithPdf(page, envelopeName);
  await fillRecipient(page.getByRole("listitem", { name: "Recipient 1" }), {
    firstName: "Carol",
    lastName: "Code",
    email,
    accessCode: code,
  });
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await page.waitForURL(/\/documents\/[0-9a-f-]{36}$/);
  const id = page.url().split("/").at(-1)!;

  const mail = await waitForMail(mailTo(email, envelopeName));
  const link = /http:\/\/localhost:\d+\/sign\/[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0];
  expect(link).toBeTruthy();
  const signer = await (await browser.newContext()).newPage();
  await signer.goto(link!);
  await signer.reload();
  await signer.reload();
  const window = signer.getByRole("region", { name: "Authenticate to sign" });
  await expect(window).toBeVisible();
  await expect(signer.getByRole("region", { name: /^Document: / })).toHaveCount(0);
  await window.getByLabel("Access code").fill("not-the-code");
  await window.getByRole("button", { name: "Confirm access code" }).click();
  await expect(window.getByRole("alert")).toContainText(
    "The code is not correct. Check it and try again (4 attempts left).",
  );
  await expect(signer.getByRole("region", { name: /^Document: / })).toHaveCount(0);

  await window.getByLabel("Access code").fill(code);
  await window.getByRole("button", { name: "Confirm access code" }).click();
  await expect(signer.getByRole("region", { name: "Document: contract.pdf" })).toBeVisible();
  await signer.getByLabel("I have read the document and agree to sign it electronically.").check();
  await signer.getByRole("button", { name: "Signature: click to sign" }).click();
  await expect(signer.getByRole("button", { name: "Signature signed" })).toBeVisible();
  await signer.getByRole("button", { name: "Finish" }).click();
  await expect(signer.getByText("You have signed this document")).toBeVisible();

  await page.reload();
  await expect(page.getByText("Status: completed")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "CodeAuthenticationSuccess" })).toContainText(
    "Authenticated with the access code",
  );
  await expect(page.getByRole("row").filter({ hasText: "AuthenticationFailed" })).toContainText(
    "Authentication with the access code failed at step 'access_code': wrong access code",
  );
  const trail = await (await page.request.get(`/api/v6/envelope/${id}/audit-trail`)).json();
  expect(trail.events.map((e: { action: string }) => e.action)).toEqual(
    expect.arrayContaining(["CodeAuthenticationSuccess", "AgreementAccepted", "WorkstepFinished", "EnvelopeCompleted"]),
  );
  expect(JSON.stringify(trail)).not.toContain(code);
  // Three loads and the refreshes after each action, within a minute: one CalledPage row.
  expect(trail.events.filter((e: { action: string }) => e.action === "CalledPage")).toHaveLength(1);
  expect(await page.content()).not.toContain(code);
});
