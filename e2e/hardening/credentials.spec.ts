// Issue 13 item 2 / TESTING 41: a live credential (bind link, signing link, SMS code, access
// code) is readable only by its recipient. After an invite, an envelope send and an SMS code, a
// crawl of every admin page (HTML, RSC payload, DOM), every REST GET answer, the app's log and
// the outbox rows finds none of the real token strings; the Outbox page still lists each mail.
import { eq } from "drizzle-orm";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { mailOutbox } from "../../db/schema";
import { samplePdf } from "../../lib/envelopes/pdf";
import { openOutboxMail } from "../../lib/mail/sealed-mail";
import { tokenFor } from "../fixtures/api-tokens";
import { appLogs, mailTo, waitForMail } from "../fixtures/mailbox";
import { adminCredentials, signIn } from "../fixtures/session";
import { apiRoutes, appPages, fill } from "./routes";
import { getRsc, withDb } from "./surface";

const tag = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const issuer = () => process.env.E2E_IDP_ISSUER!;
const encryptionKeys = () => [Buffer.from(process.env.E2E_ENCRYPTION_KEY!, "base64")];

/** A needle found only where it stands alone: a 6-digit code inside a longer number or word is not it. */
const needle = (value: string) =>
  new RegExp(`(?<![0-9A-Za-z_-])${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![0-9A-Za-z_-])`);

function expectNoCredential(text: string, needles: Record<string, string>, where: string) {
  for (const [name, value] of Object.entries(needles))
    expect(needle(value).test(text), `${where} shows the ${name}`).toBe(false);
}

/** The SMS the signer's phone would get: the outbox holds it (no gateway here), sealed for delivery only. */
async function smsCodeFor(phone: string): Promise<string> {
  const rows = await withDb((db) =>
    db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, `sms:${phone}`)),
  );
  expect(rows).toHaveLength(1);
  const code = /\b(\d{6})\b/.exec(openOutboxMail(rows[0]!, encryptionKeys()).text)?.[1];
  expect(code, "the SMS carries a 6-digit code").toBeTruthy();
  return code!;
}

async function createProvider(request: APIRequestContext, auth: Record<string, string>, name: string): Promise<string> {
  const created = await request.post("/api/v6/identity-providers", {
    headers: auth,
    data: {
      name,
      clientId: `client-${tag()}`,
      clientSecret: "x",
      authorizationUri: `${issuer()}/auth`,
      tokenUri: `${issuer()}/token`,
      jwt: { jwksUri: `${issuer()}/jwks`, issuer: issuer() },
      usedForUserAuthentication: true,
      usedForSignerAuthentication: true,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

test("no page, RSC payload, API answer, log line or stored outbox text shows a live bind link, signing link, SMS code or access code", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(240_000);
  const t = tag();
  const apiToken = await tokenFor(adminCredentials().email);
  const auth = { authorization: `Bearer ${apiToken}` };
  const providerName = `Credential IdP ${t}`;
  const providerId = await createProvider(request, auth, providerName);

  // 1. An invite: an OAuth assignment added to a user mails the /bind/ link.
  const inviteeEmail = `invitee.${t}@example.test`;
  const user = await request.post("/api/v6/users", {
    headers: auth,
    data: { email: inviteeEmail, firstName: "In", lastName: "Vitee" },
  });
  expect(user.status(), await user.text()).toBe(201);
  const userId = ((await user.json()) as { id: string }).id;
  const invited = await request.post(`/api/v6/users/${userId}/oauth-assignments`, {
    headers: auth,
    data: { providerId },
  });
  expect(invited.status(), await invited.text()).toBe(201);
  const answers = [["invite answer", await invited.text()]];
  const invitation = await waitForMail(mailTo(inviteeEmail, `verify your account with ${providerName}`));
  const bindToken = /\/bind\/([A-Za-z0-9_-]{20,})/.exec(invitation.text)?.[1];
  expect(bindToken, "the invitation mail carries the /bind/ link").toBeTruthy();

  // 2. A send: the signer's invitation mails the /sign/ link; the signer has an access code and an SMS code.
  const signerEmail = `signer.${t}@example.test`;
  const phone = `+1555${String(Date.now()).slice(-7)}`;
  const accessCode = `acc-${t}-code`;
  const upload = await request.post("/api/v6/file/upload", {
    headers: auth,
    multipart: { file: { name: "contract.pdf", mimeType: "application/pdf", buffer: samplePdf("Credentials") } },
  });
  expect(upload.status()).toBe(201);
  const { FileId } = (await upload.json()) as { FileId: string };
  const envelopeName = `Credentials ${t}`;
  const sent = await request.post("/api/v6/envelope/send", {
    headers: auth,
    data: {
      SspFileIds: [FileId],
      SendEnvelopeDescription: {
        Name: envelopeName,
        Steps: [
          {
            OrderIndex: 1,
            RecipientType: "Signer",
            Recipients: [
              {
                Email: signerEmail,
                FirstName: "Sig",
                LastName: "Ner",
                PhoneNumber: phone,
                AuthenticationMethods: [
                  { Method: "AccessCode", Parameter: accessCode },
                  { Method: "SmsCode", Parameter: phone },
                ],
              },
            ],
          },
        ],
      },
    },
  });
  expect(sent.status(), await sent.text()).toBe(201);
  answers.push(["send answer", await sent.text()]);
  const { EnvelopeId } = (await sent.json()) as { EnvelopeId: string };
  const signing = await waitForMail(mailTo(signerEmail, envelopeName));
  const signToken = /\/sign\/([A-Za-z0-9_-]{43})/.exec(signing.text)?.[1];
  expect(signToken, "the signer's mail carries the /sign/ link").toBeTruthy();

  // 3. An SMS code, asked for by the signer on the signing page.
  const signer = await (await browser.newContext()).newPage();
  await signer.goto(`/sign/${signToken}`);
  await signer.getByRole("button", { name: "Send me an SMS code" }).click();
  await expect(signer.getByRole("button", { name: "Send a new SMS code" })).toBeVisible();
  const smsCode = await smsCodeFor(phone);
  await signer.context().close();

  const needles = {
    "bind token": bindToken!,
    "signing token": signToken!,
    "SMS code": smsCode,
    "access code": accessCode,
  };
  for (const [where, text] of answers) expectNoCredential(text!, needles, where!);

  // The crawl, as the administrator (who sees every page).
  await signIn(page);
  const idFor = (before: string, name: string) => {
    if (name === "id" && before.endsWith("/identity-providers/")) return providerId;
    if (name === "id" && before.endsWith("/users/")) return userId;
    if (name === "id" && before.endsWith("/documents/")) return EnvelopeId;
    if (name === "id" && before.endsWith("/envelope/")) return EnvelopeId;
    return undefined;
  };
  let scanned = 0;
  for (const p of appPages()) {
    const url = fill(p.pattern, idFor);
    expectNoCredential(await (await page.request.get(url)).text(), needles, `HTML of ${url}`);
    expectNoCredential(await (await getRsc(page.request, url)).text(), needles, `RSC payload of ${url}`);
    scanned += 2;
  }
  for (const r of apiRoutes().filter((r) => r.methods.includes("GET"))) {
    const url = fill(r.pattern, idFor);
    for (const [who, headers] of [
      ["token", auth],
      ["session", {}],
    ] as const) {
      const res = await (who === "token" ? request : page.request).get(url, { headers });
      expect(res.status(), `${who} GET ${url}`).toBeLessThan(500);
      expectNoCredential(await res.text(), needles, `${who} GET ${url}`);
      scanned += 1;
    }
  }
  expect(scanned).toBeGreaterThan(50);

  // The Outbox lists each mail (recipient, template, status, attempts) and opens none of them.
  await page.goto("/settings/outbox", { waitUntil: "networkidle" });
  for (const address of [inviteeEmail, signerEmail, `sms:${phone}`])
    await expect(page.getByRole("row").filter({ hasText: address }).first()).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: inviteeEmail }).first()).toContainText(
    "oauth_verification_request",
  );
  await expect(page.getByRole("row").filter({ hasText: signerEmail }).first()).toContainText("sent");
  expectNoCredential(await page.content(), needles, "DOM of /settings/outbox");
  // The details of the invited user and the envelope, after their client components loaded.
  for (const url of [`/settings/users/${userId}`, `/documents/${EnvelopeId}`]) {
    await page.goto(url, { waitUntil: "networkidle" });
    expectNoCredential(await page.content(), needles, `DOM of ${url}`);
  }

  // Nothing stored in the outbox in the clear, and nothing in the server's log.
  const rows = await withDb((db) => db.select().from(mailOutbox));
  expectNoCredential(JSON.stringify(rows), needles, "the outbox rows");
  expectNoCredential(await appLogs(), needles, "the app's log");
});
