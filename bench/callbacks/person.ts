// One simulated person's Test connection over HTTP: the start (with the API token), the sign-in at
// the IdP, the callback; each request timed, and each failure counted by the step it happened in.
import type { CookieJar } from "../../e2e/fixtures/oidc-login";
import { signInForRedirect } from "../idp-process";

export type Person = { username: string; password: string; idpJar: CookieJar; flowCookie: string | null };
export type Pending = { person: Person; callbackUrl: string; cookie: string };
type ErrorKind = "start" | "idp" | "callback" | "report";
class FlowFailure extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
  }
}

const REQUEST_TIMEOUT_MS = 30_000;

/** The three steps of a flow against the app at `appUrl`, for the provider `providerId`. */
export function flowSteps({ appUrl, token, providerId }: { appUrl: string; token: string; providerId: string }) {
  /** POST /oauth/start/test/<id> with the API token: 303 to the IdP and the flow cookie. */
  async function start(person: Person): Promise<{ authorizationUrl: string; ms: number }> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (person.flowCookie) headers.cookie = `oauth_flow=${person.flowCookie}`;
    const t = performance.now();
    const res = await fetch(`${appUrl}/oauth/start/test/${providerId}`, {
      method: "POST",
      headers,
      redirect: "manual",
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const body = await res.text();
    const ms = performance.now() - t;
    const location = res.headers.get("location");
    if (res.status !== 303 || !location)
      throw new FlowFailure("start", `start answered HTTP ${res.status}: ${body.slice(0, 200)}`);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("oauth_flow="));
    if (!cookie) throw new FlowFailure("start", "start set no oauth_flow cookie");
    person.flowCookie = cookie.slice("oauth_flow=".length).split(";")[0]!;
    return { authorizationUrl: location, ms };
  }

  /** The person at the IdP (not the app's time): returns the redirect to the app's callback. */
  async function atIdp(person: Person, authorizationUrl: string): Promise<{ callbackUrl: string; ms: number }> {
    const { location, ms } = await signInForRedirect(
      authorizationUrl,
      { credentials: { username: person.username, password: person.password }, jar: person.idpJar },
      REQUEST_TIMEOUT_MS,
      (message) => new FlowFailure("idp", message),
    );
    const callbackUrl = location.toString();
    if (!callbackUrl.startsWith(`${appUrl}/oauth/callback/${providerId}?`))
      throw new FlowFailure("idp", `the IdP redirected to ${callbackUrl.slice(0, 120)}`);
    if (location.searchParams.has("error"))
      throw new FlowFailure("idp", `the IdP answered error=${location.searchParams.get("error")}`);
    return { callbackUrl, ms };
  }

  const reportPath = new RegExp(`^/settings/identity-providers/${providerId}/test/([0-9a-f-]{36})$`);

  /** GET the callback with the flow cookie: 303 to the report page; nothing else is fetched. */
  async function callback(p: Pending): Promise<{ transactionId: string; ms: number }> {
    const t = performance.now();
    const res = await fetch(p.callbackUrl, {
      headers: { cookie: `oauth_flow=${p.cookie}` },
      redirect: "manual",
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    await res.text();
    const ms = performance.now() - t;
    const location = res.headers.get("location");
    if (res.status !== 303 || !location) throw new FlowFailure("callback", `callback answered HTTP ${res.status}`);
    const target = new URL(location, appUrl);
    const m = reportPath.exec(target.pathname);
    if (!m) throw new FlowFailure("callback", `callback redirected to ${target.pathname}${target.search}`);
    return { transactionId: m[1]!, ms };
  }

  return { start, atIdp, callback };
}
export type FlowSteps = ReturnType<typeof flowSteps>;

export function newErrors() {
  return { start: 0, idp: 0, callback: 0, report: 0, examples: [] as string[] };
}
export type Errors = ReturnType<typeof newErrors>;
export function recordError(errors: Errors, e: unknown) {
  const kind: ErrorKind = e instanceof FlowFailure ? e.kind : "callback";
  errors[kind] += 1;
  if (errors.examples.length < 5) errors.examples.push(`${kind}: ${e instanceof Error ? e.message : String(e)}`);
}
export const errorCount = (e: Errors) => e.start + e.idp + e.callback + e.report;
