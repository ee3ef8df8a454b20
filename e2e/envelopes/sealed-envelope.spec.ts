import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { demoIdpProvider } from "../fixtures/demo-idp-provider";
import { mailTo, waitForMail } from "../fixtures/mailbox";
import { signIn } from "../fixtures/session";

// Issue 15: fields placed on the rendered pages of a two-page PDF, two signers (OpenID Provider,
// access code), one draws and one clicks, the envelope completes, the sender downloads the sealed
// PDF, and pdf.js reads it back: each imprint where its field is, the certificate pages after.

const [PAGE_W, PAGE_H] = [595, 842];
const FIELD = { width: 190, height: 80 };

async function twoPagePdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const text of ["Page one: terms", "Page two: signatures"]) {
    pdf.addPage([PAGE_W, PAGE_H]).drawText(text, { x: 72, y: PAGE_H - 100, size: 24, font });
  }
  // pdf-lib's default: compressed object streams, as most PDF writers do today.
  return Buffer.from(await pdf.save());
}

/** Drags the palette's field onto a rendered page at (x, y) CSS pixels; returns where it must land in PDF units. */
async function dragField(page: Page, doc: number, pageNo: number, x: number, y: number) {
  const target = page.getByTestId(`drop-${doc}-${pageNo}`);
  await page.getByRole("button", { name: "Signature field: drag onto a page" }).dragTo(target, {
    targetPosition: { x, y },
  });
  const box = (await target.boundingBox())!;
  // The field's upper-left corner sits 40 × 20 px up-left of the pointer (where the palette chip was held).
  return {
    x: Math.round(((x - 40) / box.width) * PAGE_W),
    y: Math.round(PAGE_H - ((y - 20) / box.height) * PAGE_H - FIELD.height),
  };
}

async function signerLink(email: string, envelopeName: string) {
  const mail = await waitForMail(mailTo(email, envelopeName));
  const link = /http:\/\/localhost:\d+\/sign\/[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0];
  expect(link).toBeTruthy();
  return link!;
}

/** After authentication: nothing signable before the agreement, then the field in place on its page. */
async function agreeAndFind(signer: Page, fieldName: string, pageNo: number) {
  const region = signer.getByRole("region", { name: "Document: two-pages.pdf" });
  await expect(region.getByRole("group", { name: `two-pages.pdf, page ${pageNo} of 2` })).toHaveAttribute(
    "data-rendered",
    "true",
  );
  const field = region.getByRole("group", { name: `two-pages.pdf, page ${pageNo} of 2` }).getByRole("button", {
    name: fieldName,
  });
  await expect(field).toBeDisabled();
  await signer.getByLabel("I have read the document and agree to sign it electronically.").check();
  await expect(field).toBeEnabled();
  return field;
}

async function finish(signer: Page) {
  await expect(signer.getByRole("button", { name: "Signature signed" })).toBeVisible();
  await signer.getByRole("button", { name: "Finish" }).click();
  await expect(signer.getByText("You have signed this document")).toBeVisible();
}

/** axe-core with the WCAG A/AA rules the accessibility pass uses: no serious or critical violation. */
async function expectAccessible(page: Page) {
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
}

type Text = { str: string; x: number; y: number };
type Box = { Page: number; X: number; Y: number; Width: number; Height: number };

/** The text of each page of a PDF with where each run starts (PDF units, lower-left origin). */
async function pdfText(bytes: Buffer): Promise<Text[][]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
  const pages: Text[][] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(
      content.items.flatMap((i) =>
        "str" in i && i.str.trim() ? [{ str: i.str, x: i.transform[4], y: i.transform[5] }] : [],
      ),
    );
  }
  await pdf.destroy();
  return pages;
}

/** The runs of a page that start inside a field's box. */
const inside = (page: Text[], f: Box) =>
  page.filter((t) => t.x >= f.X && t.x <= f.X + f.Width && t.y >= f.Y && t.y <= f.Y + f.Height).map((t) => t.str);

async function newSigner(browser: Browser, link: string) {
  const signer = await (await browser.newContext()).newPage();
  await signer.goto(link);
  return signer;
}

test("fields dragged onto a two-page PDF; one signer (OpenID Provider) draws, one (access code) clicks; the sealed PDF has each imprint in its field and the certificate", async ({
  page,
  browser,
}) => {
  const tag = `${Date.now()} ${Math.random().toString(36).slice(2, 7)}`;
  const providerName = `Seal IdP ${tag}`;
  const envelopeName = `Sealed ${tag}`;
  const bobEmail = `bob.${Date.now().toString(36)}@example.test`;
  const code = `seal-${Date.now().toString(36)}`;
  await signIn(page);
  await demoIdpProvider(page.request, providerName, { usedForSignerAuthentication: true });

  await page.goto("/documents/new");
  await page.getByLabel("Envelope name").fill(envelopeName);
  await page
    .getByLabel("Upload PDF")
    .setInputFiles({ name: "two-pages.pdf", mimeType: "application/pdf", buffer: await twoPagePdf() });
  await expect(page.getByText("two-pages.pdf · 2 page(s)", { exact: false })).toBeVisible();
  const first = page.getByRole("listitem", { name: "Recipient 1" });
  await first.getByLabel("First name").fill("Alice");
  await first.getByLabel("Last name").fill("Anders");
  await first.getByLabel("Email").fill("alice@example.com");
  await first.getByLabel(providerName, { exact: true }).check();
  await page.getByRole("button", { name: "Add recipient" }).click();
  const second = page.getByRole("listitem", { name: "Recipient 2" });
  await second.getByLabel("First name").fill("Bob");
  await second.getByLabel("Last name").fill("Code");
  await second.getByLabel("Email").fill(bobEmail);
  await second.getByLabel("Access code", { exact: true }).check();
  await second.getByLabel("Access code value").fill(code);

  // The pages are pdf.js's rendering, not an outline.
  const pageTwo = page.getByRole("group", { name: "two-pages.pdf, page 2" });
  await pageTwo.scrollIntoViewIfNeeded(); // drawn when it comes near the viewport
  await expect(pageTwo).toHaveAttribute("data-rendered", "true");
  await page.getByLabel("Place fields for").selectOption({ label: "1. Alice Anders" });
  const aliceAt = await dragField(page, 1, 1, 150, 500);
  await page.getByLabel("Place fields for").selectOption({ label: "2. Bob Code" });
  const bobAt = await dragField(page, 1, 2, 300, 300);
  const fields = page.getByRole("table", { name: "Signature fields" });
  const value = async (i: number, name: string) =>
    Number(await fields.getByLabel(`${name} of field ${i}`).inputValue());
  for (const [i, at, pageNo] of [
    [1, aliceAt, 1],
    [2, bobAt, 2],
  ] as const) {
    await expect(fields.getByLabel(`Page of field ${i}`)).toHaveValue(String(pageNo));
    expect(Math.abs((await value(i, "X")) - at.x)).toBeLessThanOrEqual(2);
    expect(Math.abs((await value(i, "Y")) - at.y)).toBeLessThanOrEqual(2);
  }
  // Bob's field made larger from its lower-right corner: its upper-left corner stays.
  const top = (await value(2, "Y")) + FIELD.height;
  const handle = (await page.getByTestId("resize-2").boundingBox())!;
  await page.mouse.move(handle.x + 4, handle.y + 4);
  await page.mouse.down();
  await page.mouse.move(handle.x + 60, handle.y + 40, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => value(2, "Width")).toBeGreaterThan(FIELD.width + 40);
  expect(await value(2, "Height")).toBeGreaterThan(FIELD.height + 25);
  expect((await value(2, "Y")) + (await value(2, "Height"))).toBe(top);
  const placed: Box[] = [];
  for (const i of [1, 2])
    placed.push({
      Page: i,
      X: await value(i, "X"),
      Y: await value(i, "Y"),
      Width: await value(i, "Width"),
      Height: await value(i, "Height"),
    });
  await expect(
    page.getByRole("button", { name: /^Signature field 1 of recipient 1 \(Alice Anders\) on page 1/ }),
  ).toBeVisible();
  await expect(
    page.getByRole("button", { name: /^Signature field 2 of recipient 2 \(Bob Code\) on page 2/ }),
  ).toBeVisible();
  // The designer with its pages and fields passes the accessibility rules the other pages do.
  await expectAccessible(page);
  // Alice's field is drawn or typed, not clicked.
  await fields.getByLabel("Draw for field 1").check();
  await fields.getByLabel("Type for field 1").check();
  await fields.getByLabel("Click for field 1").uncheck();
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await page.waitForURL(/\/documents\/[0-9a-f-]{36}$/);
  const id = page.url().split("/").at(-1)!;
  const sent = await (await page.request.get(`/api/v6/envelope/${id}`)).json();
  expect(sent.SignatureFields).toMatchObject([
    {
      ...placed[0],
      AllowedSignatureTypes: [{ DiscriminatorType: "SigTypeDraw2Sign" }, { DiscriminatorType: "SigTypeType2Sign" }],
    },
    { ...placed[1], AllowedSignatureTypes: [{ DiscriminatorType: "SigTypeClick2Sign" }] },
  ]);

  // Signer 1 authenticates at the OpenID Provider and draws.
  const alice = await newSigner(browser, await signerLink("alice@example.com", envelopeName));
  const fonts: string[] = [];
  alice.on("request", (r) => r.resourceType() === "font" && fonts.push(r.url()));
  await alice.getByRole("button", { name: `Sign in with ${providerName}` }).click();
  await alice.getByLabel("Username").fill("alice");
  await alice.getByLabel("Password").fill("alice-password");
  await alice.getByRole("button", { name: "Sign in" }).click();
  await expect(alice.getByText("You are authenticated.")).toBeVisible();
  const drawField = await agreeAndFind(alice, "Signature: sign (draw, type)", 1);
  await expectAccessible(alice); // the rendered pages with the field in place
  await drawField.click();
  const dialog = alice.getByRole("dialog", { name: "Sign: Signature" });
  // Typing previews the name in the script font the app serves itself (no font from elsewhere).
  await dialog.getByLabel("Type").check();
  await expect(dialog.getByLabel("Type your name")).toHaveValue("Alice Anders");
  await expect(dialog.getByLabel("Preview of the typed signature")).toHaveText("Alice Anders");
  const loaded = await alice.evaluate(async () => (await document.fonts.load('32px "Dancing Script"', "Alice")).length);
  expect(loaded).toBeGreaterThan(0);
  expect(fonts.length).toBeGreaterThan(0);
  for (const url of fonts) expect(new URL(url).origin).toBe(new URL(alice.url()).origin);
  await dialog.getByLabel("Draw").check();
  await expect(dialog.getByRole("button", { name: "Sign" })).toBeDisabled();
  const pad = (await dialog.getByLabel("Draw your signature here").boundingBox())!;
  await alice.mouse.move(pad.x + 30, pad.y + 100);
  await alice.mouse.down();
  await alice.mouse.move(pad.x + 120, pad.y + 30, { steps: 8 });
  await alice.mouse.move(pad.x + 220, pad.y + 110, { steps: 8 });
  await alice.mouse.up();
  await dialog.getByRole("button", { name: "Sign" }).click();
  await expect(dialog).toHaveCount(0);
  await finish(alice);

  // Signer 2 (mailed once signer 1 finished) with the access code, and clicks.
  const bob = await newSigner(browser, await signerLink(bobEmail, envelopeName));
  await bob.getByRole("region", { name: "Authenticate to sign" }).getByLabel("Access code").fill(code);
  await bob.getByRole("button", { name: "Confirm access code" }).click();
  const clickField = await agreeAndFind(bob, "Signature: click to sign", 2);
  await clickField.click();
  await finish(bob);

  await page.reload();
  await expect(page.getByText("Status: completed")).toBeVisible();
  const done = await (await page.request.get(`/api/v6/envelope/${id}`)).json();
  expect(done.Status).toBe("completed");

  // The sealed PDF, made in the background: the sender downloads it from the envelope page.
  const download = page.getByRole("link", { name: "Download sealed PDF" });
  await expect(async () => {
    await page.reload();
    await expect(download).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
  const pages = await pdfText(await readFile((await file.path())!));
  const [one, two, ...certificate] = pages as [Text[], Text[], ...Text[][]];
  const aliceText = inside(one, placed[0]!);
  expect(aliceText).toEqual(expect.arrayContaining(["Alice Anders", "alice@example.com"]));
  expect(aliceText.join(" ")).toMatch(new RegExp(`Authenticated at ${providerName} as`));
  expect(aliceText).not.toContain("Signed by click"); // hers is the drawing
  const bobText = inside(two, placed[1]!);
  expect(bobText).toEqual(expect.arrayContaining(["Signed by click", "Bob Code", bobEmail]));
  expect(bobText.join(" ")).toContain("Authenticated with an access code");
  // Each imprint on its own page only.
  expect(one.map((t) => t.str)).not.toContain("Bob Code");
  expect(two.map((t) => t.str)).not.toContain("Alice Anders");
  // The certificate of completion follows the document's two pages.
  expect(certificate.length).toBeGreaterThan(0);
  const certificateText = certificate
    .flat()
    .map((t) => t.str)
    .join(" ");
  expect(certificateText).toContain("Certificate of completion");
  expect(certificateText).toContain(id);
  expect(certificateText).toContain(bobEmail);
});
