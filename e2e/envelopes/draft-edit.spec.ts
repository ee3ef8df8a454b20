import { expect, test } from "@playwright/test";
import { fillRecipient, newEnvelopeWithPdf } from "../fixtures/designer";
import { mailTo, readMailbox, waitForMail } from "../fixtures/mailbox";
import { signIn } from "../fixtures/session";

test("a saved draft opens in the designer again, its changes are saved, and it is sent to the new recipient", async ({
  page,
}) => {
  const stamp = Date.now().toString(36);
  const first = `First draft ${stamp}`;
  const second = `Final ${stamp}`;
  await signIn(page);
  await newEnvelopeWithPdf(page, first);
  const recipient = page.getByRole("listitem", { name: "Recipient 1" });
  await fillRecipient(recipient, { firstName: "Olga", email: `olga.${stamp}@example.test`, accessCode: "olga-code" });
  // The disposable-certificate data (issue 15), folded until opened.
  await recipient.getByText("Disposable certificate").click();
  await recipient.getByLabel("Document number").fill("P-1234");
  await recipient.getByLabel("Issued on").fill("2021-03-04");
  await recipient.getByLabel("Country of residence").selectOption("AT");
  await page.getByRole("button", { name: "Save as draft" }).click();
  await page.waitForURL(/\/documents\/[0-9a-f-]{36}$/);
  const id = page.url().split("/").at(-1)!;
  await expect(page.getByText("Status: draft")).toBeVisible();

  await page.getByRole("link", { name: "Edit draft" }).click();
  await page.waitForURL(`**/documents/${id}/edit`);
  await expect(page.getByRole("heading", { name: "Edit draft" })).toBeVisible();
  await expect(page.getByLabel("Envelope name")).toHaveValue(first);
  await expect(page.getByText("contract.pdf")).toBeVisible();
  const again = page.getByRole("listitem", { name: "Recipient 1" });
  await expect(again.getByLabel("Email")).toHaveValue(`olga.${stamp}@example.test`);
  await expect(again.getByLabel("Access code", { exact: true })).toBeChecked();
  await expect(page.getByText("Access codes are kept only as hashes")).toBeVisible();
  await expect(again.getByText("(3 of 11 given)")).toBeVisible();
  await expect(again.getByLabel("Issued on")).toHaveValue("2021-03-04");
  await expect(again.getByLabel("Country of residence")).toHaveValue("AT");
  const saved = await (await page.request.get(`/api/v6/envelope/${id}`)).json();
  expect(saved.Steps[0].Recipients[0].DisposableCertificate).toMatchObject({
    DocumentNumber: "P-1234",
    DocumentIssuedOn: "2021-03-04",
    CountryOfResidence: "AT",
    DocumentType: null,
  });
  await page.getByLabel("Envelope name").fill(second);
  await again.getByLabel("Email").fill(`paul.${stamp}@example.test`);
  await again.getByLabel("First name").fill("Paul");
  await again.getByLabel("Access code", { exact: true }).uncheck();
  await page.getByRole("button", { name: "Save as draft" }).click();
  await page.waitForURL(new RegExp(`/documents/${id}$`));
  await expect(page.getByRole("heading", { name: second })).toBeVisible();
  await expect(page.getByRole("table", { name: "Recipients" })).toContainText(`paul.${stamp}@example.test`);
  await expect(page.getByRole("table", { name: "Recipients" })).not.toContainText("olga");

  await page.getByRole("link", { name: "Edit draft" }).click();
  await expect(page.getByLabel("Envelope name")).toHaveValue(second);
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await page.waitForURL(new RegExp(`/documents/${id}$`));
  await expect(page.getByText("Status: sent")).toBeVisible();
  await waitForMail(mailTo(`paul.${stamp}@example.test`, second));
  expect((await readMailbox()).filter(mailTo(`olga.${stamp}@example.test`))).toHaveLength(0);

  // The certificate page names what was sent and to whom (issue 16), times in the one format.
  await page.goto(`/documents/${id}/certificate`);
  await expect(page.getByRole("region", { name: "Envelope" }).locator("dd").first()).toHaveText(second);
  await expect(page.getByText("contract.pdf (1 page)")).toBeVisible();
  const signers = page.getByRole("table", { name: "Signers" });
  await expect(signers.getByRole("row").filter({ hasText: `paul.${stamp}@example.test` })).toContainText(
    "Not required",
  );
  await expect(page.getByText(/^Generated [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d\d:\d\d [AP]M UTC$/)).toBeVisible();

  // Sent: the designer no longer opens it, and PUT is refused.
  await page.goto(`/documents/${id}/edit`);
  await expect(page.getByRole("heading", { name: "This envelope is no longer a draft" })).toBeVisible();
  const sent = await (await page.request.get(`/api/v6/envelope/${id}`)).json();
  const body = {
    SspFileIds: [sent.Documents[0].FileId],
    SendEnvelopeDescription: {
      Name: "Changed after sending",
      Steps: [{ OrderIndex: 1, Recipients: [{ Email: "late@example.test" }] }],
    },
  };
  const refused = await page.request.put(`/api/v6/envelope/${id}`, {
    headers: { origin: new URL(page.url()).origin },
    data: body,
  });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error.message).toBe("Only a draft can be changed; this envelope is sent");
});
