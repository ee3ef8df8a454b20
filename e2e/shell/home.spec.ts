// Issue 16: Home shows what this person must do: envelopes waiting for their signature, their
// drafts, what they sent recently with its state, and for an administrator the setup checklist.
import { expect, test, type Page } from "@playwright/test";
import { samplePdf } from "../../lib/envelopes/pdf";
import type { PermissionValue } from "../../db/schema";
import { seedUser } from "../../db/test/seed";
import { userWithToken } from "../fixtures/api-tokens";
import { withDb } from "../fixtures/database";
import { demoIdpProvider, runTestConnection } from "../fixtures/demo-idp-provider";
import { signIn } from "../fixtures/session";

const personWith = (permissions: Record<string, PermissionValue>) =>
  withDb(async (db) => {
    const { email, password } = await seedUser(db, { permissions: { password_logon: "ALLOW", ...permissions } });
    return { email, password: password! };
  });

const section = (page: Page, title: string) => page.getByRole("region", { name: title });

test("after sending, Home lists the envelope under Recently sent with its state, and under Waiting for your signature for its signer", async ({
  page,
  browser,
  request,
}) => {
  const signer = await personWith({});
  const sender = await userWithToken({ use_api: "ALLOW", send_envelopes: "ALLOW" });
  const auth = { authorization: `Bearer ${sender.token}` };
  const upload = await request.post("/api/v6/file/upload", {
    headers: auth,
    multipart: { file: { name: "contract.pdf", mimeType: "application/pdf", buffer: samplePdf("Home") } },
  });
  expect(upload.status()).toBe(201);
  const name = `Home envelope ${Date.now()}`;
  const recipient = (email: string) => ({ Email: email, FirstName: "Sig", LastName: "Ner", AuthenticationMethods: [] });
  const sent = await request.post("/api/v6/envelope/send", {
    headers: auth,
    data: {
      SspFileIds: [(await upload.json()).FileId],
      SendEnvelopeDescription: {
        Name: name,
        Steps: [{ OrderIndex: 1, RecipientType: "Signer", Recipients: [recipient(signer.email)] }],
      },
    },
  });
  expect(sent.status(), await sent.text()).toBe(201);
  const { EnvelopeId } = await sent.json();

  await signIn(page, { email: sender.email, password: sender.password! });
  const recent = section(page, "Recently sent");
  const row = recent.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("sent");
  await expect(row).toContainText("0 / 1");
  await expect(page.getByText(/envelope designer lands/)).toHaveCount(0);
  await row.getByRole("link", { name }).click();
  await expect(page).toHaveURL(new RegExp(`/documents/${EnvelopeId}$`));
  await expect(page.getByRole("heading", { name })).toBeVisible();

  const signerPage = await (await browser.newContext()).newPage();
  await signIn(signerPage, signer);
  await expect(section(signerPage, "Waiting for your signature")).toContainText(name);
  await expect(section(signerPage, "Waiting for your signature")).toContainText(`invitation sent to ${signer.email}`);
  await expect(section(signerPage, "Recently sent")).toHaveCount(0);
  await expect(section(signerPage, "Setup checklist")).toHaveCount(0);
  await signerPage.context().close();
});

test("the administrator's setup checklist shows a successful Test connection and where each item is done", async ({
  page,
}) => {
  await signIn(page);
  const providerName = `Checklist ${Date.now()}`;
  const { id } = await demoIdpProvider(page.request, providerName);
  const tab = await runTestConnection(page, id);
  await tab.close();

  await page.goto("/");
  const checklist = page.getByRole("list", { name: "Setup checklist" });
  const tested = checklist.getByRole("listitem").filter({ hasText: "Test an identity provider" });
  await expect(tested).toContainText("(done)");
  await expect(tested).toContainText(`Test connection of ${providerName} succeeded.`);
  await expect(checklist.getByRole("listitem").filter({ hasText: "Deliver mail over SMTP" })).toContainText(
    "SMTP_URL is set",
  );
  await expect(checklist.getByRole("link", { name: "Users" })).toHaveAttribute("href", "/settings/users");
  await tested.getByRole("link", { name: "Open the provider" }).click();
  await expect(page).toHaveURL(new RegExp(`/settings/identity-providers/${id}$`));
});
