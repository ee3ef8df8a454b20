import { audienceChecks, issuerCheck, lifetimeChecks, type IdTokenCheck } from "./claim-checks";
import { IdTokenError, verifyProviderJws } from "./id-token";
import type { JwksCache } from "./jwks-cache";
import { quote } from "./outbound";
import type { JwtConfig } from "./provider-config";
import { FlowError } from "./types";

// Back-channel logout token validation (OpenID Connect Back-Channel Logout 1.0, 2.6). The
// signature is checked exactly as an ID token's (the provider's JWKS, the allowed algorithms,
// never none/HS*); then iss, aud and the lifetime are checked always, whatever the ID token
// toggles say: a logout token ends sessions, so no check is optional here. It must carry the
// back-channel logout event, a jti, a sub and/or a sid, and no nonce (so an ID token can never
// pass for one). Whether the jti was seen before is the caller's business (it needs storage).

export const BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

export type LogoutTokenContext = { clientId: string; jwks: JwksCache; now?: () => number };

export type ValidLogoutToken = {
  iss: string;
  sub: string | null;
  sid: string | null;
  jti: string;
  iat: number;
  exp: number;
  checks: IdTokenCheck[];
};

/** A refused logout token: `reason` names every failed check (no token content beyond claim values). */
export class LogoutTokenError extends Error {
  constructor(
    readonly reason: string,
    readonly checks: IdTokenCheck[],
  ) {
    super(reason);
    this.name = "LogoutTokenError";
  }
}

const v = (value: unknown) => quote(value, 100);
const str = (x: unknown) => (typeof x === "string" && x !== "" ? x : null);

function logoutClaimChecks(
  claims: Record<string, unknown>,
  header: Record<string, unknown>,
  cfg: JwtConfig,
  clientId: string,
  nowSec: number,
): IdTokenCheck[] {
  const checks: IdTokenCheck[] = [];
  // Explicit typing (2.4): when the provider says what the token is, it must say logout+jwt.
  const typ = typeof header.typ === "string" ? header.typ.toLowerCase().replace(/^application\//, "") : null;
  if (header.typ !== undefined)
    checks.push({
      check: "typ",
      ok: typ === "logout+jwt",
      detail: typ === "logout+jwt" ? "typ is logout+jwt" : `typ ${v(header.typ)} is not logout+jwt`,
    });
  checks.push(issuerCheck(claims, cfg.issuer));
  checks.push(...audienceChecks(claims, clientId));
  checks.push(...lifetimeChecks(claims, nowSec, cfg.clockSkewSeconds));
  const events = claims.events;
  const eventOk =
    typeof events === "object" &&
    events !== null &&
    !Array.isArray(events) &&
    BACKCHANNEL_LOGOUT_EVENT in events &&
    typeof (events as Record<string, unknown>)[BACKCHANNEL_LOGOUT_EVENT] === "object";
  checks.push({
    check: "events",
    ok: eventOk,
    detail: eventOk
      ? "carries the back-channel logout event"
      : "the token has no events claim with the back-channel logout event",
  });
  const [sub, sid] = [str(claims.sub), str(claims.sid)];
  const subjectOk =
    (sub !== null || sid !== null) &&
    (claims.sub === undefined || sub !== null) &&
    (claims.sid === undefined || sid !== null);
  checks.push({
    check: "sub/sid",
    ok: subjectOk,
    detail: subjectOk
      ? [sub ? `sub ${v(sub)}` : null, sid ? "sid given" : null].filter(Boolean).join(", ")
      : "the token must name a sub and/or a sid (non-empty strings)",
  });
  checks.push(
    str(claims.jti)
      ? { check: "jti", ok: true, detail: "jti given" }
      : { check: "jti", ok: false, detail: "the token has no jti" },
  );
  checks.push(
    claims.nonce === undefined
      ? { check: "nonce", ok: true, detail: "no nonce" }
      : { check: "nonce", ok: false, detail: "a logout token must not carry a nonce" },
  );
  return checks;
}

/** Verifies a logout token for the provider whose JWT configuration is `cfg`; LogoutTokenError otherwise. */
export async function verifyLogoutToken(
  token: string,
  cfg: JwtConfig,
  ctx: LogoutTokenContext,
): Promise<ValidLogoutToken> {
  const checks: IdTokenCheck[] = [];
  let verified;
  try {
    verified = await verifyProviderJws(token, cfg, ctx.jwks, checks);
  } catch (err) {
    if (err instanceof IdTokenError) throw new LogoutTokenError(err.reason, checks);
    if (err instanceof FlowError) throw new LogoutTokenError(`${err.step}: ${err.reason}`, checks);
    throw err;
  }
  const { header, claims } = verified;
  checks.push(...logoutClaimChecks(claims, header, cfg, ctx.clientId, Math.floor((ctx.now ?? Date.now)() / 1000)));
  const failed = checks.filter((c) => !c.ok);
  if (failed.length) throw new LogoutTokenError(failed.map((c) => c.detail).join("; "), checks);
  return {
    iss: cfg.issuer,
    sub: str(claims.sub),
    sid: str(claims.sid),
    jti: claims.jti as string,
    iat: claims.iat as number,
    exp: claims.exp as number,
    checks,
  };
}
