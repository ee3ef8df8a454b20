import { expect, test, type Page } from "@playwright/test";
import { newEnvelopeWithPdf } from "../fixtures/designer";
import { mailTo, waitForMail } from "../fixtures/mailbox";
import { signIn } from "../fixtures/session";

// Issue 17: the sender cancels from the envelope page after a confirmation with a reason; a
// signer rejects with a reason; each link then says why it no longer signs.

const LINK = /http:\/\/localhost:\d+\/sign\/[A-Za-z0-9_-]{43}/;

async function send(page: Page, name: string, email: string): Promise<string> {
  await newEnvelopeWithPdf(page, name);
  await page.getByRole("listitem", { name: "Recipient 1" }).getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await page.waitForURL(/\/documents\/[0-9a-f-]{36}$/);
  return LINK.exec((await waitForMail(mailTo(email, name))).text)![0];
}

test("cancel asks first and needs a reason; a signer rejects with a reason; the links say so", async ({
  page,
  browser,
}) => {
  const stamp = Date.now().toString(36);
  await signIn(page);
  const signer = await (await browser.newContext()).newPage();

  const canceled = `Cancel me ${stamp}`;
  const cancelLink = await send(page, canceled, `cancel.${stamp}@example.test`);
  await page.getByRole("button", { name: "Cancel envelope" }).click();
  const dialog = page.getByRole("dialog", { name: "Cancel this envelope?" });
  await dialog.getByRole("button", { name: "Keep it" }).click();
  await expect(page.getByText("Status: sent")).toBeVisible();
  await page.getByRole("button", { name: "Cancel envelope" }).click();
  await expect(dialog.getByRole("button", { name: "Cancel envelope" })).toBeDisabled();
  await dialog.getByLabel("Reason").fill("Wrong version attached");
  await dialog.getByRole("button", { name: "Cancel envelope" }).click();
  await expect(page.getByText("Status: canceled")).toBeVisible();
  await expect(page.getByText(/Canceled .*: Wrong version attached/)).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "EnvelopeCanceled" })).toContainText("Wrong version attached");
  await signer.goto(cancelLink);
  await expect(signer.getByRole("main").getByRole("alert")).toContainText("The sender canceled this envelope");

  const rejected = `Reject me ${stamp}`;
  const rejectLink = await send(page, rejected, `reject.${stamp}@example.test`);
  await signer.goto(rejectLink);
  await signer.getByRole("button", { name: "Reject" }).click();
  const reject = signer.getByRole("dialog", { name: "Reject this envelope?" });
  await reject.getByLabel("Reason").fill("The amount is wrong");
  await reject.getByRole("button", { name: "Reject" }).click();
  await expect(signer.getByRole("main").getByRole("alert")).toContainText("You rejected this envelope");
  await expect(signer.getByRole("main").getByRole("alert")).toContainText("The amount is wrong");
  await page.reload();
  await expect(page.getByText("Status: rejected")).toBeVisible();
  await waitForMail((m) => m.subject === `Rejected: ${rejected}`);
});
