// Issue 8 / TESTING 39: every page, REST route and server action refuses anonymous and
// unprivileged callers, also with real ids. The surface is read from app/ and the build, so a
// new one is walked without being listed; only what is open on purpose is listed here.
import { and, eq, gt, inArray, isNull } from "drizzle-orm";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { apiTokens, instanceSettings, mailOutbox, notificationTemplates, users } from "../../db/schema";
import { LOGIN_BUTTONS_SETTING } from "../../lib/identity-providers/login-providers";
import { userWithToken } from "../fixtures/api-tokens";
import { adminCredentials, signIn } from "../fixtures/session";
import { apiRoutes, appPages, fill, serverActions } from "./routes";
import {
  APP_ORIGIN,
  callServerAction,
  form,
  getRsc,
  idFor,
  realIds,
  unprivilegedUser,
  withDb,
  type RealIds,
} from "./surface";
import { callbackSecret } from "../../lib/callbacks/secret";

/** Pages any signed-in user may see: their home, their own account (documents need send_envelopes or view_audit). */
const OPEN_PAGES = new Set(["/", "/settings", "/settings/account"]);
/** REST routes any signed-in user may call. */
const OPEN_API = new Set(["GET /api/v6/session"]);
/** Server actions that must work signed out: signing in, and signing out (of nothing). */
const PUBLIC_ACTIONS = new Set(["loginAction", "signOutAction"]);
/** Server actions of the signer page: open to anyone holding a signing link, so guarded by the link token. */
const SIGNING_LINK_ACTIONS = new Set([
  "accessCodeAction",
  "sendSmsAction",
  "smsCodeAction",
  "acceptAgreementAction",
  "signFieldAction",
  "finishAction",
  "rejectAction",
  "delegateAction",
]);
/** Server actions on one's own account: any signed-in user, nobody signed out. */
const OWN_ACCOUNT_ACTIONS = new Set(["changePasswordAction"]);

const pages = appPages();
const api = apiRoutes().flatMap((r) => r.methods.map((method) => ({ ...r, method })));
const issuer = () => process.env.E2E_IDP_ISSUER!;
let ids: RealIds;

test.beforeAll(async ({ request }) => {
  expect(pages.length).toBeGreaterThan(15);
  expect(api.length).toBeGreaterThan(20);
  ids = await realIds(request, {
    name: `Access walk ${Date.now()}`,
    clientId: "client-basic",
    clientSecret: "access-walk-secret",
    authorizationUri: `${issuer()}/auth`,
    tokenUri: `${issuer()}/token`,
    jwt: { jwksUri: `${issuer()}/jwks`, issuer: issuer() },
  });
});

async function callApi(
  request: APIRequestContext,
  method: string,
  url: string,
  headers: Record<string, string> = {},
): Promise<APIResponse> {
  return request.fetch(url, {
    method,
    headers: { origin: APP_ORIGIN, ...headers },
    ...(method === "GET" || method === "DELETE" ? {} : { data: {} }),
    maxRedirects: 0,
  });
}

test("anonymous: every page sends to /login (also as an RSC request), every REST route answers 401", async ({
  request,
}) => {
  for (const p of pages) {
    for (const id of [crypto.randomUUID(), undefined]) {
      const url = id ? fill(p.pattern, () => id) : fill(p.pattern, idFor(ids));
      for (const [kind, res] of [
        ["HTML", await request.get(url, { maxRedirects: 0 })],
        ["RSC", await getRsc(request, url)],
      ] as const) {
        const where = `${kind} ${url} → ${res.status()} ${res.headers()["location"]}`;
        // Next answers an RSC request with 200 and the redirect inside the payload.
        if (kind === "HTML" || res.status() !== 200) {
          expect([303, 307, 308], where).toContain(res.status());
          expect(new URL(res.headers()["location"] ?? "", APP_ORIGIN).pathname, where).toBe("/login");
        }
        const body = await res.text();
        expect(body, where).toMatch(/NEXT_REDIRECT;replace;\/login/);
        // Next renders a page beside its layout: the layout's redirect alone lets the page's content
        // out in the payload, so the page must refuse too (a second redirect, to /login or onwards).
        expect(
          body.match(/NEXT_REDIRECT;/g)?.length ?? 0,
          `${where}: the page itself must require sign-in`,
        ).toBeGreaterThanOrEqual(2);
      }
    }
  }
  for (const r of api) {
    const url = fill(r.pattern, idFor(ids));
    const res = await callApi(request, r.method, url);
    expect(res.status(), `${r.method} ${url}`).toBe(401);
    expect((await res.json()).error.code).toBe("unauthorized");
  }
});

test("an unprivileged user: every other page shows the refusal, every admin REST route answers 403 (session and API token)", async ({
  page,
}) => {
  const user = await unprivilegedUser();
  await signIn(page, { email: user.email, password: user.password! });
  for (const p of pages) {
    const url = fill(p.pattern, idFor(ids));
    await page.goto(url);
    const refusal = page.getByRole("heading", { name: "You do not have permission to view this page" });
    if (OPEN_PAGES.has(p.pattern)) {
      await expect(page.getByRole("navigation", { name: "Main" }), url).toBeVisible();
      await expect(refusal, url).toHaveCount(0);
    } else {
      await expect(refusal, `${url} must refuse a user without permissions`).toBeVisible();
    }
  }

  const { token } = await userWithToken({ use_api: "ALLOW" });
  for (const r of api) {
    const url = fill(r.pattern, idFor(ids));
    const key = `${r.method} ${r.pattern}`;
    const viaSession = await callApi(page.request, r.method, url);
    const viaToken = await callApi(page.request, r.method, url, { authorization: `Bearer ${token}` });
    if (OPEN_API.has(key)) {
      expect(viaSession.status(), key).toBe(200);
      continue;
    }
    expect(viaSession.status(), `${key} (session)`).toBe(403);
    // The session sent the app's Origin: the refusal is the permission's, not the cross-origin check's.
    expect((await viaSession.json()).error.message, key).toMatch(/permission/);
    expect([401, 403], `${key} (token)`).toContain(viaToken.status());
  }
});

test("server actions: each is refused signed out and (but for one's own account) to an unprivileged user, and changes nothing", async ({
  page,
  request,
  browser,
}) => {
  const actions = serverActions();
  const adminToken = await withDb(async (db) => {
    const [row] = await db
      .insert(apiTokens)
      .values({ userId: ids.user, name: "walk target", tokenHash: `walk-${crypto.randomUUID()}`, prefix: "sat_walk" })
      .returning();
    return row!.id;
  });
  const [mail] = await withDb((db) =>
    db
      .insert(mailOutbox)
      .values({
        toAddress: "walk@example.test",
        subject: "walk",
        text: "t",
        html: "h",
        status: "failed",
        nextAttemptAt: new Date(Date.now() + 86_400_000),
      })
      .returning(),
  );
  const subject = `walk subject ${Date.now()}`;
  const user = await unprivilegedUser();
  const hashes = () =>
    withDb((db) =>
      db
        .select({ id: users.id, hash: users.passwordHash })
        .from(users)
        .where(inArray(users.id, [ids.user, user.user.id]))
        .orderBy(users.id),
    );
  const hashesBefore = await hashes();
  const loginButtons = () =>
    withDb((db) =>
      db
        .select({ value: instanceSettings.value })
        .from(instanceSettings)
        .where(eq(instanceSettings.key, LOGIN_BUTTONS_SETTING)),
    );
  const loginButtonsBefore = await loginButtons();
  const setting = (key: string) =>
    withDb((db) =>
      db.select({ value: instanceSettings.value }).from(instanceSettings).where(eq(instanceSettings.key, key)),
    );
  const agreementBefore = await setting("default_agreement");
  // Made now if no page has made it yet (another spec viewing Api Tokens would, mid-walk).
  await withDb((db) => callbackSecret(db, [Buffer.from(process.env.ENCRYPTION_KEY!, "base64")]));
  const callbackSecretBefore = await setting("callback_signing_secret");
  expect(callbackSecretBefore).toHaveLength(1);

  /** Arguments as the form would send them, and what must still hold afterwards. */
  const cases: Record<string, { args: () => unknown[]; unchanged: () => Promise<void> }> = {
    createTokenAction: {
      args: () => [null, form({ name: "walk-created" })],
      unchanged: async () =>
        expect(
          await withDb((db) => db.select().from(apiTokens).where(eq(apiTokens.name, "walk-created"))),
        ).toHaveLength(0),
    },
    revokeTokenAction: {
      args: () => [form({ id: adminToken })],
      unchanged: async () =>
        expect(
          await withDb((db) =>
            db
              .select()
              .from(apiTokens)
              .where(and(eq(apiTokens.id, adminToken), isNull(apiTokens.revokedAt))),
          ),
        ).toHaveLength(1),
    },
    saveTemplateAction: {
      args: () => [null, form({ key: "oauth_verification_request", subject, body: "walk body" })],
      unchanged: async () =>
        expect(
          await withDb((db) =>
            db.select().from(notificationTemplates).where(eq(notificationTemplates.subject, subject)),
          ),
        ).toHaveLength(0),
    },
    changePasswordAction: {
      args: () => [
        null,
        form({
          currentPassword: "not-the-password",
          newPassword: "walk-new-password-1",
          confirmPassword: "walk-new-password-1",
        }),
      ],
      unchanged: async () => expect(await hashes()).toEqual(hashesBefore),
    },
    setLoginButtonsAction: {
      args: () => [form({ shown: "false" })],
      unchanged: async () => expect(await loginButtons()).toEqual(loginButtonsBefore),
    },
    resendMailAction: {
      args: () => [form({ id: mail!.id })],
      unchanged: async () =>
        expect(
          await withDb((db) =>
            db
              .select()
              .from(mailOutbox)
              .where(
                and(
                  eq(mailOutbox.id, mail!.id),
                  eq(mailOutbox.status, "failed"),
                  gt(mailOutbox.nextAttemptAt, new Date()),
                ),
              ),
          ),
        ).toHaveLength(1),
    },
    saveAgreementAction: {
      args: () => [null, form({ Heading: "Walk heading", Text: "Walk text" })],
      unchanged: async () => expect(await setting("default_agreement")).toEqual(agreementBefore),
    },
    rotateCallbackSecretAction: {
      args: () => [{}],
      unchanged: async () => expect(await setting("callback_signing_secret")).toEqual(callbackSecretBefore),
    },
    retryMailAction: {
      args: () => [],
      unchanged: async () =>
        expect(
          await withDb((db) =>
            db
              .select()
              .from(mailOutbox)
              .where(
                and(
                  eq(mailOutbox.id, mail!.id),
                  eq(mailOutbox.status, "failed"),
                  gt(mailOutbox.nextAttemptAt, new Date()),
                ),
              ),
          ),
        ).toHaveLength(1),
    },
  };

  // Signer actions with a link token that does not exist: refused, whoever calls.
  const signing = actions.filter((a) => SIGNING_LINK_ACTIONS.has(a.name));
  expect(signing.map((a) => a.name).sort()).toEqual([...SIGNING_LINK_ACTIONS].sort());
  for (const a of signing) {
    const body = await (
      await callServerAction(request, a, [
        {
          token: `forged-${crypto.randomUUID()}`,
          code: "123456",
          fieldId: crypto.randomUUID(),
          reason: "walk",
          email: "walk.delegate@example.test",
        },
      ])
    ).text();
    expect(body, `${a.name} with a forged link`).toMatch(/"ok":false/);
    expect(body, `${a.name} with a forged link`).not.toMatch(/"ok":true/);
  }

  const guarded = actions.filter((a) => !PUBLIC_ACTIONS.has(a.name) && !SIGNING_LINK_ACTIONS.has(a.name));
  expect(guarded.length).toBeGreaterThan(0);
  for (const a of guarded)
    expect(
      Object.keys(cases),
      `${a.name} (${a.file}) is new: add how to call it and what it must not change`,
    ).toContain(a.name);

  await signIn(page, { email: user.email, password: user.password! });
  for (const [who, ctx] of [
    ["anonymous", request],
    ["unprivileged", page.request],
  ] as const) {
    for (const a of guarded.filter((a) => who === "anonymous" || !OWN_ACCOUNT_ACTIONS.has(a.name))) {
      const res = await callServerAction(ctx, a, cases[a.name]!.args());
      const body = await res.text();
      // Refused as the action wrapper's answer: { ok: false, code, message }, never a thrown 500.
      expect(res.status(), `${who} ${a.name}`).toBe(200);
      expect(body, `${who} ${a.name}`).toMatch(
        who === "anonymous"
          ? /"code":"unauthorized","message":"Sign in first"/
          : /"code":"forbidden","message":"You do not have permission[^"]*"/,
      );
      await cases[a.name]!.unchanged();
    }
  }

  // The same call by the administrator does change things: the walk's calls really reach the actions.
  const adminContext = await browser.newContext();
  try {
    const adminPage = await adminContext.newPage();
    await signIn(adminPage, adminCredentials());
    const revoke = actions.find((a) => a.name === "revokeTokenAction")!;
    expect((await callServerAction(adminPage.request, revoke, cases.revokeTokenAction!.args())).status()).toBe(200);
    await expect(cases.revokeTokenAction!.unchanged()).rejects.toThrow();
  } finally {
    await adminContext.close();
  }
});
