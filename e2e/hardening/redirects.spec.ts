// Issue 13 item 4 / TESTING 43: no open redirect. Every hostile spelling of a return target, sent
// to the real redirecting surfaces by a signed-in browser, answers a Location inside the app's origin.
import { expect, test, type APIResponse } from "@playwright/test";
import { HOSTILE_RETURN_PATHS } from "../../lib/testing/hostile-return-paths";
import { adminCredentials, signIn } from "../fixtures/session";
import { serverActions } from "./routes";
import { APP_ORIGIN, callServerAction } from "./surface";

/** Where a browser would go from this answer (Location, or the redirect a server action hands its client). */
function expectStaysHome(res: APIResponse, what: string) {
  const headers = res.headers();
  for (const target of [headers["location"], headers["x-action-redirect"]?.split(";")[0]]) {
    if (target === undefined) continue;
    const resolved = new URL(target, APP_ORIGIN);
    expect(resolved.origin, `${what} → ${res.status()} ${JSON.stringify(target)}`).toBe(APP_ORIGIN);
    expect(target, `${what}: a path-absolute target only`).not.toMatch(
      /^\s*[/\\]{2}|^[a-z][a-z0-9+.-]*:(?!\/\/localhost:)/i,
    );
  }
}

test("signed in, /login?callbackUrl=<hostile> never redirects off the origin", async ({ page }) => {
  await signIn(page);
  const spellings = HOSTILE_RETURN_PATHS.flatMap((p) => [
    `callbackUrl=${encodeURIComponent(p)}`,
    `returnTo=${encodeURIComponent(p)}`,
  ]);
  // As typed into a URL bar: the printable ones unencoded too (the query parser decodes once).
  spellings.push(...HOSTILE_RETURN_PATHS.filter((p) => /^[\x21-\x7e]+$/.test(p)).map((p) => `callbackUrl=${p}`));
  let redirected = 0;
  for (const query of spellings) {
    const res = await page.request.get(`/login?${query}`, { maxRedirects: 0 });
    expect(res.status(), query).toBeLessThan(500);
    if (res.status() >= 300 && res.status() < 400) redirected += 1;
    expectStaysHome(res, `/login?${query}`);
  }
  expect(redirected, "a signed-in visit to /login redirects onwards").toBe(spellings.length);
  // The plain case still works: the return target survives.
  const ok = await page.request.get(`/login?callbackUrl=${encodeURIComponent("/settings/account?x=1")}`, {
    maxRedirects: 0,
  });
  expect(new URL(ok.headers()["location"]!, APP_ORIGIN).href).toBe(`${APP_ORIGIN}/settings/account?x=1`);
});

test("password sign-in with a hostile return target lands inside the origin", async ({ request }) => {
  const login = serverActions().find((a) => a.name === "loginAction");
  expect(login, "loginAction is a server action of the login page").toBeTruthy();
  for (const target of [
    "/.//evil.example/x",
    "/%2e//evil.example/x",
    "/\\evil.example/x",
    "/\u2215\u2215evil.example/x",
    "https://evil.example/x",
  ]) {
    const res = await callServerAction(request, { ...login!, page: "/login" }, [
      { credentials: adminCredentials(), returnTo: target },
    ]);
    expect(res.status(), target).toBeLessThan(500);
    expect(
      res.headers()["x-action-redirect"] ?? res.headers()["location"],
      `${target}: signing in redirects`,
    ).toBeTruthy();
    expectStaysHome(res, `loginAction(${JSON.stringify(target)})`);
  }
});
