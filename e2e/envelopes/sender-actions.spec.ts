import { expect, test } from "@playwright/test";
import { eq, sql } from "drizzle-orm";
import { envelopes, recipients } from "../../db/schema";
import { openE2eDb } from "../fixtures/database";
import { newEnvelopeWithPdf } from "../fixtures/designer";
import { mailTo, waitForMail } from "../fixtures/mailbox";
import { signIn } from "../fixtures/session";

const LINK = /http:\/\/localhost:\d+\/sign\/[A-Za-z0-9_-]{43}/;

test("the sender unlocks a locked recipient, extends an expired envelope and resends the invitation: the old link dies, the new one works", async ({
  page,
  browser,
}) => {
  const envelopeName = `Sender actions ${Date.now()}`;
  const email = `sasha.${Date.now().toString(36)}@example.test`;
  await signIn(page);
  await newEnvelopeWithPdf(page, envelopeName);
  await page.getByRole("listitem", { name: "Recipient 1" }).getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await page.waitForURL(/\/documents\/[0-9a-f-]{36}$/);
  const id = page.url().split("/").at(-1)!;
  const oldLink = LINK.exec((await waitForMail(mailTo(email, envelopeName))).text)![0];

  // Locked after too many wrong codes, and past its expiry.
  const handle = await openE2eDb();
  try {
    await handle.db.update(recipients).set({ codeAttempts: 5 }).where(eq(recipients.envelopeId, id));
    await handle.db
      .update(envelopes)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(envelopes.id, id));
  } finally {
    await handle.close();
  }
  await page.reload();
  await expect(page.getByText("Status: expired")).toBeVisible();
  await expect(page.getByRole("button", { name: `Resend invitation to ${email}` })).toHaveCount(0);

  // Each action asks first.
  await page.getByRole("button", { name: `Unlock ${email}` }).click();
  await page
    .getByRole("dialog", { name: `Unlock ${email}?` })
    .getByRole("button", { name: "Unlock" })
    .click();
  await expect(page.getByRole("status").filter({ hasText: `${email} is unlocked` })).toBeVisible();

  await page.getByLabel("Days from now").fill("10");
  await page.getByRole("button", { name: "Extend", exact: true }).click();
  await page.getByRole("dialog", { name: "Extend the expiry?" }).getByRole("button", { name: "Extend" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Expiry extended to" })).toBeVisible();
  await expect(page.getByText("Status: sent")).toBeVisible();

  await page.getByRole("button", { name: `Resend invitation to ${email}` }).click();
  await page
    .getByRole("dialog", { name: `Resend the invitation to ${email}?` })
    .getByRole("button", { name: "Resend" })
    .click();
  await expect(page.getByRole("status").filter({ hasText: `Invitation sent again to ${email}` })).toBeVisible();
  const newLink = LINK.exec(
    (await waitForMail((m) => mailTo(email, envelopeName)(m) && !m.text.includes(oldLink))).text,
  )![0];
  expect(newLink).not.toBe(oldLink);

  const signer = await (await browser.newContext()).newPage();
  await signer.goto(oldLink);
  await expect(signer.getByRole("main").getByRole("alert")).toContainText("This signing link is not valid");
  await signer.goto(newLink);
  await expect(signer.getByRole("heading", { name: envelopeName })).toBeVisible();

  await page.reload();
  for (const [action, text] of [
    ["RecipientUnlocked", "attempts reset"],
    ["EnvelopeExtended", "can be signed again"],
    ["InvitationResent", "the previous one no longer works"],
  ] as const) {
    await expect(page.getByRole("row").filter({ hasText: action })).toContainText(text);
  }
});
