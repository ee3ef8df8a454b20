// Issue 16: "in Chromium at desktop and phone sizes, every journey completes". At a phone's
// viewport (390 × 844) a sender makes and sends an envelope in the designer, and the signer
// authenticates with the access code, signs on the rendered page and finishes; the pages on
// the way never make the whole page scroll sideways (wide tables scroll inside their frame).
import { expect, test, type Page } from "@playwright/test";
import { demoIdpProvider } from "../fixtures/demo-idp-provider";
import { fillRecipient, newEnvelopeWithPdf } from "../fixtures/designer";
import { mailTo, waitForMail } from "../fixtures/mailbox";
import { signIn } from "../fixtures/session";

const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE });

async function fitsTheWidth(page: Page, what: string) {
  await page.waitForLoadState("networkidle");
  // The outermost elements that stick out past the right edge, to say what to fix.
  const { width, over } = await page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    const tag = (el: Element) => `<${el.tagName.toLowerCase()} class="${el.className}">`;
    const all = [...document.body.querySelectorAll("*")].filter((el) => el.getBoundingClientRect().right > limit + 1);
    // Inside a frame that scrolls sideways, only what escapes its clip widens the page: an absolutely
    // positioned element whose containing block is outside the frame (the sr-only text of a table's icon buttons).
    const escapes = (el: Element) => ["absolute", "fixed"].includes(getComputedStyle(el).position);
    const sticking = all.filter((el) => !el.closest("[data-scrolls]") || escapes(el));
    const outermost = sticking.filter((el) => !sticking.some((o) => o !== el && o.contains(el) && o !== document.body));
    return { width: document.documentElement.scrollWidth, over: outermost.slice(0, 5).map(tag) };
  });
  expect(width, `${what} is wider than the phone's screen: ${over.join(" ")}`).toBeLessThanOrEqual(PHONE.width);
}

test("at phone size: the navigation, the designer and the whole signing journey work", async ({
  page,
  browser,
  request,
}) => {
  const code = `phone-${Date.now().toString(36)}`;
  // One long word, as names pasted from file names are: the lists must wrap or scroll it, not the page.
  const envelopeName = `Phone ${Date.now()} Quarterly_supplier_agreement_renewal_final_version_2026`;
  const email = `phone.${Date.now().toString(36)}@example.test`;
  // A provider, so the Identity Providers page shows its table (with its icon buttons) and not the empty state.
  await demoIdpProvider(request, `Phone provider ${Date.now()}`);
  await signIn(page);
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const name of ["NEW DOCUMENT", "HOME", "DOCUMENTS", "SETTINGS"])
    await expect(nav.getByRole("link", { name, exact: true })).toBeInViewport();
  await fitsTheWidth(page, "Home");
  for (const path of ["/settings/identity-providers", "/settings/audit"]) {
    await page.goto(path);
    await fitsTheWidth(page, path);
  }

  await newEnvelopeWithPdf(page, envelopeName);
  await fillRecipient(page.getByRole("listitem", { name: "Recipient 1" }), {
    firstName: "Pat",
    lastName: "Phone",
    email,
    accessCode: code,
  });
  await fitsTheWidth(page, "The designer");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await page.waitForURL(/\/documents\/[0-9a-f-]{36}$/);
  await fitsTheWidth(page, "The envelope page");
  const envelopePage = page.url();
  for (const path of ["/", "/documents"]) {
    await page.goto(path);
    await expect(page.getByRole("link", { name: envelopeName })).toBeVisible();
    await fitsTheWidth(page, path);
  }

  const mail = await waitForMail(mailTo(email, envelopeName));
  const link = /http:\/\/localhost:\d+\/sign\/[A-Za-z0-9_-]{43}/.exec(mail.text)![0];
  const signer = await (await browser.newContext({ viewport: PHONE })).newPage();
  await signer.goto(link);
  const window = signer.getByRole("region", { name: "Authenticate to sign" });
  await window.getByLabel("Access code").fill(code);
  await window.getByRole("button", { name: "Confirm access code" }).click();
  await expect(signer.getByRole("region", { name: "Document: contract.pdf" })).toBeVisible();
  await fitsTheWidth(signer, "The signer page");
  await signer.getByLabel("I have read the document and agree to sign it electronically.").check();
  const field = signer.getByRole("button", { name: "Signature: click to sign" });
  await field.scrollIntoViewIfNeeded();
  await field.click();
  await expect(signer.getByRole("button", { name: "Signature signed" })).toBeVisible();
  await signer.getByRole("button", { name: "Finish" }).click();
  await expect(signer.getByText("You have signed this document")).toBeVisible();
  await page.goto(envelopePage);
  await expect(page.getByText("Status: completed")).toBeVisible();
});
