// One login through each target, as a browser does it (plain fetch, cookie jars, redirects by
// hand), timed per request; the IdP's own pages are timed apart and are not the app's time.
//   ours:   GET /oauth/login/<provider> (the Logon URL) → IdP → callback (sets the session cookie) → /
//           (a build before issue 18's lever 1 adds a hop: callback → /oauth/login-complete → /)
//   Auth.js: GET /api/auth/csrf → POST /api/auth/signin/oidc → IdP → /api/auth/callback/oidc → /
import { CookieJar } from "../../e2e/fixtures/oidc-login";
import { signInForRedirect } from "../idp-process";

export type LoginPerson = { username: string; password: string; email: string; idpJar: CookieJar };
/** `steps`: each app request's wall time, by step (at 1 concurrent, close to its CPU time). */
export type LoginTimings = { app: number; idp: number; steps: Record<string, number> };

export class LoginFailure extends Error {}

const TIMEOUT_MS = 30_000;

async function request(jar: CookieJar, url: URL, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  const cookie = jar.header(url);
  if (cookie) headers.set("cookie", cookie);
  const t = performance.now();
  const res = await fetch(url, { ...init, headers, redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS) });
  const body = await res.text();
  const ms = performance.now() - t;
  jar.store(url, res);
  return { res, body, ms };
}

function redirected(step: string, r: { res: Response; body: string }, base: URL): URL {
  const location = r.res.headers.get("location");
  if (r.res.status < 300 || r.res.status > 399 || !location)
    throw new LoginFailure(`${step} answered HTTP ${r.res.status}: ${r.body.slice(0, 160)}`);
  return new URL(location, base);
}

async function atIdp(authorizationUrl: URL, person: LoginPerson, expectPath: string) {
  const { location, ms } = await signInForRedirect(
    authorizationUrl,
    { credentials: person, jar: person.idpJar },
    TIMEOUT_MS,
    (message) => new LoginFailure(`IdP: ${message}`),
  );
  if (!location.pathname.startsWith(expectPath)) throw new LoginFailure(`the IdP redirected to ${location.pathname}`);
  return { location, ms };
}

function landed(r: { res: Response; body: string }, expect: string) {
  if (r.res.status !== 200 || !r.body.includes(expect))
    throw new LoginFailure(`the landing page answered HTTP ${r.res.status} without "${expect}"`);
}

/** A bound user signs in through the provider's Logon URL in a fresh browser and lands on Home. */
export async function loginOurs(person: LoginPerson, appUrl: string, providerId: string): Promise<LoginTimings> {
  const base = new URL(appUrl);
  const jar = new CookieJar();
  const start = await request(jar, new URL(`/oauth/login/${providerId}`, base));
  const idp = await atIdp(redirected("Logon URL", start, base), person, `/oauth/callback/${providerId}`);
  const callback = await request(jar, idp.location);
  let next = redirected("callback", callback, base);
  let hops = 0;
  if (next.pathname === "/oauth/login-complete") {
    const complete = await request(jar, next);
    hops = complete.ms;
    next = redirected("login-complete", complete, base);
  }
  const landing = await request(jar, next);
  landed(landing, "Welcome");
  return {
    app: start.ms + callback.ms + hops + landing.ms,
    idp: idp.ms,
    steps: { logonUrl: start.ms, callback: callback.ms, ...(hops ? { loginComplete: hops } : {}), landing: landing.ms },
  };
}

/** The same person signs in to the Auth.js app in a fresh browser and lands on its page. */
export async function loginAuthjs(person: LoginPerson, peerUrl: string): Promise<LoginTimings> {
  const base = new URL(peerUrl);
  const jar = new CookieJar();
  const csrf = await request(jar, new URL("/api/auth/csrf", base));
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken?: string };
  if (!csrfToken) throw new LoginFailure(`csrf answered HTTP ${csrf.res.status} without a token`);
  const signIn = await request(jar, new URL("/api/auth/signin/oidc", base), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl: `${peerUrl}/` }).toString(),
  });
  const idp = await atIdp(redirected("sign-in", signIn, base), person, "/api/auth/callback/oidc");
  const callback = await request(jar, idp.location);
  const landing = await request(jar, redirected("callback", callback, base));
  landed(landing, `Signed in as ${person.email}`);
  return {
    app: csrf.ms + signIn.ms + callback.ms + landing.ms,
    idp: idp.ms,
    steps: { csrf: csrf.ms, signIn: signIn.ms, callback: callback.ms, landing: landing.ms },
  };
}
