// TESTING.md "Account binding and login", end to end: the real SMTP sink, the real OpenID
// Provider and Chromium. An administrator adds a provider to a user → the mail arrives → the
// link is opened → the user logs in at the IdP → bound → the Logon URL signs them in → removed
// → the invalidation mail arrives → the Logon URL no longer signs them in.
import { eq } from "drizzle-orm";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { auditEvents } from "../../db/schema";
import { seedUser } from "../../db/test/seed";
import { openE2eDb } from "../fixtures/database";
import { mailTo, waitForMail } from "../fixtures/mailbox";
import { signIn } from "../fixtures/session";
import { demoIdpProvider } from "../fixtures/demo-idp-provider";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const userAuthProvider = async (page: Page, name: string) =>
  (await demoIdpProvider(page.request, name, { usedForUserAuthentication: true })).id;

async function seed(permissions: Record<string, "ALLOW" | "FORBID" | "BLOCK">) {
  const handle = await openE2eDb();
  try {
    return await seedUser(handle.db, { email: `bind.${unique()}@example.test`, permissions });
  } finally {
    await handle.close();
  }
}

async function loginAtIdp(page: Page, username: string) {
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(`${username}-password`);
  await page.getByRole("button", { name: "Sign in" }).click();
}

const newPerson = async (browser: Browser) => (await browser.newContext()).newPage();

test("invite by mail, bind at the IdP, sign in through the Logon URL; removing ends it and mails the user", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const providerName = `Corporate IdP ${unique()}`;
  const providerId = await userAuthProvider(page, providerName);
  const { user, email } = await seed({ password_logon: "ALLOW" });

  // The administrator adds the provider on the user's page.
  await signIn(page);
  await page.goto(`/settings/users/${user.id}`);
  const section = page.getByRole("region", { name: /OAuth assignments/ });
  await section.getByLabel("Provider").selectOption({ label: providerName });
  await section.getByRole("button", { name: "Add provider" }).click();
  await expect(section.getByText("Invitation sent")).toBeVisible();
  await expect(section.getByRole("row").filter({ hasText: providerName })).toContainText("invited");
  // Only what can be added is offered; each column holds what its heading says.
  await expect(section.getByLabel("Provider").getByRole("option", { name: providerName })).toHaveCount(0);
  for (const heading of ["State", "Since", "Link expires"])
    await expect(section.getByRole("columnheader", { name: heading, exact: true })).toBeVisible();
  await expect(section.getByRole("row").filter({ hasText: providerName })).not.toContainText("link until");

  // The mail arrives through SMTP with the binding link.
  const invitation = await waitForMail(mailTo(email, `verify your account with ${providerName}`));
  const link = invitation.links.find((l) => l.includes("/bind/"));
  expect(link, "the invitation carries a /bind/ link").toBeTruthy();

  // The user opens it in their own browser, confirms, and logs in at the IdP.
  const person = await newPerson(browser);
  await person.goto(link!);
  await expect(person.getByText(email)).toBeVisible();
  await person.getByRole("button", { name: `Continue to ${providerName}` }).click();
  await loginAtIdp(person, "carol");
  await expect(person.getByRole("heading", { name: "Your account is connected" })).toBeVisible();

  // The administrator sees it bound to the IdP's subject.
  await page.reload();
  const row = page
    .getByRole("region", { name: /OAuth assignments/ })
    .getByRole("row")
    .filter({ hasText: providerName });
  await expect(row).toContainText("bound");
  await expect(row).toContainText("sub-carol");

  // The link is single use.
  const again = await newPerson(browser);
  await again.goto(link!);
  await expect(again.getByText("This link was already used")).toBeVisible();

  // The Logon URL signs them in (the IdP still knows them: no second login form).
  await person.goto(`/oauth/login/${providerId}`);
  await expect(person.getByRole("navigation", { name: "Main" })).toBeVisible();
  await person.goto("/settings/account");
  await expect(person.getByText(email)).toBeVisible();

  // The administrator removes the assignment: invalidated, and the user is told by mail.
  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "Remove" }).click();
  await expect(page.getByText("Assignment removed")).toBeVisible();
  await expect(row).toContainText("invalidated");
  await waitForMail(mailTo(email, `${providerName} sign-in was removed`));

  // Their session through that provider ended, and the Logon URL no longer signs them in.
  await person.goto("/settings/account");
  await expect(person).toHaveURL(/\/login/);
  await person.goto(`/oauth/login/${providerId}`);
  await expect(person).toHaveURL(/\/login\?error=oauth_unknown/);
  await expect(person.getByText("This identity is not connected to an account here.")).toBeVisible();

  const handle = await openE2eDb();
  try {
    const actions = (
      await handle.db.select().from(auditEvents).where(eq(auditEvents.stream, "org")).orderBy(auditEvents.seq)
    )
      .filter((e) => e.providerId === providerId)
      .map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "AssignmentInvited",
        "AssignmentBound",
        "LoginSucceeded",
        "AssignmentInvalidated",
        "LoginFailed",
      ]),
    );
  } finally {
    await handle.close();
  }
});

for (const value of ["FORBID", "BLOCK"] as const) {
  test(`"User can use a password to logon" ${value}: the password form refuses and points to the provider`, async ({
    page,
  }) => {
    const { email, password } = await seed({ password_logon: value });
    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password!);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(
      page.getByText("Password sign-in is turned off for this account. Sign in through your identity provider"),
    ).toBeVisible();
    await page.goto("/settings/account");
    await expect(page).toHaveURL(/\/login/);
  });
}

test(`"User can use a password to logon" ALLOW: the password form signs in`, async ({ page }) => {
  const { email, password } = await seed({ password_logon: "ALLOW" });
  await signIn(page, { email, password: password! });
  await page.goto("/settings/account");
  await expect(page.getByText(email)).toBeVisible();
});

test("Settings → Account: a user adds a provider to themselves and gets the verification mail", async ({ page }) => {
  const providerName = `Self-service IdP ${unique()}`;
  await userAuthProvider(page, providerName);
  const { email, password } = await seed({ password_logon: "ALLOW" });
  await signIn(page, { email, password: password! });
  await page.goto("/settings/account");
  const section = page.getByRole("region", { name: "OAuth - Choose One Authentication provider of your account" });
  await section.getByLabel("Provider").selectOption({ label: providerName });
  await section.getByRole("button", { name: "Add provider" }).click();
  await expect(section.getByRole("row").filter({ hasText: providerName })).toContainText("invited");
  const mail = await waitForMail(mailTo(email, `verify your account with ${providerName}`));
  expect(mail.links.some((l) => l.includes("/bind/"))).toBe(true);
});
