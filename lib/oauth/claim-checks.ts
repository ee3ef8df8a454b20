import { quote } from "./outbound";
import type { JwtConfig } from "./provider-config";

// The claim checks of a JWT the provider signed (ID tokens, back-channel logout tokens): each
// returns what it found, ok or not, so the test report can show every check made.

export type IdTokenCheck = { check: string; ok: boolean; detail: string };

/** An ID token may be at most this old (plus the clock skew), whatever its exp says. */
export const MAX_IAT_AGE_SECONDS = 600;

const v = (value: unknown) => quote(value, 100);

type Claims = Record<string, unknown>;

export function issuerCheck(claims: Claims, issuer: string): IdTokenCheck {
  if (claims.iss === issuer) return { check: "issuer", ok: true, detail: `iss is ${v(issuer)}` };
  const detail =
    claims.iss === undefined ? "the token has no iss" : `issuer in token ${v(claims.iss)} ≠ configured ${v(issuer)}`;
  return { check: "issuer", ok: false, detail };
}

export function audienceChecks(claims: Claims, clientId: string): IdTokenCheck[] {
  const { aud, azp } = claims;
  const audOk = aud === clientId || (Array.isArray(aud) && aud.length === 1 && aud[0] === clientId);
  const audDetail = audOk
    ? `aud is the client id ${v(clientId)}`
    : aud === undefined
      ? "the token has no aud"
      : `audience in token ${v(aud)} ≠ client id ${v(clientId)}${Array.isArray(aud) ? " (an array must hold the client id only)" : ""}`;
  const azpOk = azp === undefined || azp === clientId;
  const azpDetail =
    azp === undefined ? "no azp" : azpOk ? `azp is the client id` : `azp in token ${v(azp)} ≠ client id ${v(clientId)}`;
  return [
    { check: "audience", ok: audOk, detail: audDetail },
    { check: "azp", ok: azpOk, detail: azpDetail },
  ];
}

export function lifetimeChecks(claims: Claims, nowSec: number, skew: number): IdTokenCheck[] {
  const num = (x: unknown) => (typeof x === "number" && Number.isFinite(x) ? x : null);
  const [exp, nbf, iat] = [num(claims.exp), num(claims.nbf), num(claims.iat)];
  const checks: IdTokenCheck[] = [];
  if (exp === null)
    checks.push({
      check: "exp",
      ok: false,
      detail: claims.exp === undefined ? "the token has no exp" : "exp is not a number",
    });
  else
    checks.push({
      check: "exp",
      ok: nowSec < exp + skew,
      detail:
        nowSec < exp + skew
          ? `expires in ${exp - nowSec} s (skew ${skew} s)`
          : `expired ${nowSec - exp} s ago (allowed clock skew ${skew} s)`,
    });
  if (claims.nbf !== undefined) {
    const ok = nbf !== null && nbf <= nowSec + skew;
    checks.push({
      check: "nbf",
      ok,
      detail:
        nbf === null
          ? "nbf is not a number"
          : ok
            ? "already valid (nbf)"
            : `not valid for another ${nbf - nowSec} s (nbf; allowed clock skew ${skew} s)`,
    });
  }
  if (iat === null)
    checks.push({
      check: "iat",
      ok: false,
      detail: claims.iat === undefined ? "the token has no iat" : "iat is not a number",
    });
  else if (iat > nowSec + skew)
    checks.push({
      check: "iat",
      ok: false,
      detail: `issued ${iat - nowSec} s in the future (allowed clock skew ${skew} s)`,
    });
  else if (iat < nowSec - MAX_IAT_AGE_SECONDS - skew)
    checks.push({
      check: "iat",
      ok: false,
      detail: `issued ${nowSec - iat} s ago, more than ${MAX_IAT_AGE_SECONDS} s + ${skew} s skew`,
    });
  else checks.push({ check: "iat", ok: true, detail: `issued ${nowSec - iat} s ago` });
  return checks;
}

function nonceCheck(claims: Claims, expected: string | null): IdTokenCheck {
  if (expected === null) return { check: "nonce", ok: false, detail: "Add nonce is on but this flow kept no nonce" };
  if (claims.nonce === undefined) return { check: "nonce", ok: false, detail: "the token has no nonce" };
  return claims.nonce === expected
    ? { check: "nonce", ok: true, detail: "nonce matches this flow" }
    : { check: "nonce", ok: false, detail: "nonce in token ≠ the nonce of this flow" };
}

const off = (check: string, toggle: string): IdTokenCheck => ({
  check,
  ok: true,
  detail: `not checked: "${toggle}" is off`,
});

/** The claim checks: sub always, the others as the configuration's toggles say. */
export function claimChecks(
  claims: Claims,
  cfg: JwtConfig,
  ctx: { clientId: string; expectedNonce: string | null; nowSec: number },
): IdTokenCheck[] {
  const checks: IdTokenCheck[] = [];
  const sub = claims.sub;
  checks.push(
    typeof sub === "string" && sub !== ""
      ? { check: "sub", ok: true, detail: `sub ${v(sub)}` }
      : {
          check: "sub",
          ok: false,
          detail: sub === undefined ? "the token has no sub" : "sub is not a non-empty string",
        },
  );
  checks.push(cfg.validateIssuer ? issuerCheck(claims, cfg.issuer) : off("issuer", "Validate issuer"));
  if (cfg.validateAudience) checks.push(...audienceChecks(claims, ctx.clientId));
  else checks.push(off("audience", "Validate audience"), off("azp", "Validate audience"));
  if (cfg.validateLifetime) checks.push(...lifetimeChecks(claims, ctx.nowSec, cfg.clockSkewSeconds));
  else checks.push(off("exp", "Validate lifetime"), off("nbf", "Validate lifetime"), off("iat", "Validate lifetime"));
  checks.push(cfg.addNonce ? nonceCheck(claims, ctx.expectedNonce) : off("nonce", "Add nonce"));
  return checks;
}
