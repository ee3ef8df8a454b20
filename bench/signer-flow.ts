// One signer's authentication over HTTP, as a browser does it (plain fetch, cookie jars): open
// the signing link, pick the provider (POST start), sign in at the IdP, the callback, the resume
// redirect, the signer page authenticated. Timed per request; the IdP's pages are timed apart.
import { CookieJar } from "../e2e/fixtures/oidc-login";
import { signInForRedirect } from "./idp-process";

export type SignerPhase = "open" | "start" | "callback" | "resume" | "landing";
export type SignerTimings = Record<SignerPhase | "idp", number>;
export type SignerPerson = { username: string; password: string; idpJar: CookieJar };
export type SignerTarget = { appUrl: string; providerId: string; link: string };
/** Called around each of the app's requests (bench/signer-load/requests.ts measures each kind apart). */
export type RequestHooks = {
  before?: (phase: SignerPhase) => Promise<void>;
  after?: (phase: SignerPhase) => Promise<void>;
};

export class SignerFailure extends Error {
  constructor(
    readonly phase: SignerPhase | "idp",
    message: string,
  ) {
    super(message);
  }
}

const REQUEST_TIMEOUT_MS = 30_000;

async function request(
  jar: CookieJar,
  phase: SignerPhase,
  url: URL,
  init: RequestInit = {},
  hooks: RequestHooks = {},
): Promise<{ res: Response; body: string; ms: number }> {
  await hooks.before?.(phase);
  try {
    return await send(jar, phase, url, init);
  } finally {
    await hooks.after?.(phase);
  }
}

async function send(
  jar: CookieJar,
  phase: SignerPhase,
  url: URL,
  init: RequestInit,
): Promise<{ res: Response; body: string; ms: number }> {
  const headers = new Headers(init.headers);
  const cookie = jar.header(url);
  if (cookie) headers.set("cookie", cookie);
  const t = performance.now();
  const res = await fetch(url, {
    ...init,
    headers,
    redirect: "manual",
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  }).catch((e: unknown) => {
    throw new SignerFailure(phase, `${phase}: ${String(e)}`);
  });
  const body = await res.text();
  const ms = performance.now() - t;
  jar.store(url, res);
  return { res, body, ms };
}

function redirectTo(phase: SignerPhase, r: { res: Response; body: string }, base: string): URL {
  const location = r.res.headers.get("location");
  if (r.res.status !== 303 || !location)
    throw new SignerFailure(phase, `${phase} answered HTTP ${r.res.status}: ${r.body.slice(0, 160)}`);
  return new URL(location, base);
}

/** A complete signer authentication in a fresh browser (its own app cookies); the person keeps their IdP session. */
export async function authenticateSigner(
  person: SignerPerson,
  target: SignerTarget,
  hooks: RequestHooks = {},
): Promise<{ timings: SignerTimings; jar: CookieJar }> {
  const jar = new CookieJar();
  const link = new URL(target.link);
  const open = await request(jar, "open", link, {}, hooks);
  if (open.res.status !== 200 || !open.body.includes("Authenticate to sign"))
    throw new SignerFailure(
      "open",
      `the signing link answered HTTP ${open.res.status} without the authentication window`,
    );

  const start = await request(
    jar,
    "start",
    new URL(`${link.pathname}/start`, link),
    {
      method: "POST",
      headers: { origin: target.appUrl, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ providerId: target.providerId }).toString(),
    },
    hooks,
  );
  const authorizationUrl = redirectTo("start", start, target.appUrl);
  if (authorizationUrl.origin === new URL(target.appUrl).origin)
    throw new SignerFailure("start", `start sent the browser back to ${authorizationUrl.pathname}`);

  const { location, ms: idp } = await signInForRedirect(
    authorizationUrl,
    { credentials: person, jar: person.idpJar },
    REQUEST_TIMEOUT_MS,
    (message) => new SignerFailure("idp", message),
  );
  if (!location.pathname.startsWith(`/oauth/callback/${target.providerId}`))
    throw new SignerFailure("idp", `the IdP redirected to ${location.pathname}`);

  const callback = await request(jar, "callback", location, {}, hooks);
  const resumeUrl = redirectTo("callback", callback, target.appUrl);
  if (resumeUrl.pathname !== "/sign/resume" || resumeUrl.searchParams.get("auth") !== "ok")
    throw new SignerFailure("callback", `callback redirected to ${resumeUrl.pathname}${resumeUrl.search}`);
  const resume = await request(jar, "resume", resumeUrl, {}, hooks);
  const landingUrl = redirectTo("resume", resume, target.appUrl);
  if (landingUrl.pathname !== link.pathname)
    throw new SignerFailure("resume", `resume redirected to ${landingUrl.pathname}`);
  const landing = await request(jar, "landing", landingUrl, {}, hooks);
  if (landing.res.status !== 200 || !landing.body.includes("You are authenticated."))
    throw new SignerFailure(
      "landing",
      `the signer page answered HTTP ${landing.res.status} without "You are authenticated."`,
    );
  return {
    timings: { open: open.ms, start: start.ms, idp, callback: callback.ms, resume: resume.ms, landing: landing.ms },
    jar,
  };
}

/** GET of the signing link as `jar`'s browser (a fresh one: the authentication window; the signer's: the page authenticated). */
export async function getSigningPage(jar: CookieJar, link: string, expect: string): Promise<void> {
  const r = await request(jar, "landing", new URL(link));
  if (r.res.status !== 200 || !r.body.includes(expect))
    throw new SignerFailure("landing", `the signing page answered HTTP ${r.res.status} without "${expect}"`);
}
