import { importJWK, type JWK } from "jose";
import { describeUrl, isRecord, outboundCall, parseJson, quote } from "./outbound";
import { FlowError, type OutboundOptions } from "./types";

// The provider's signing keys, shared by every request of a process (DESIGN "Flows"): fetched
// once and kept for the answer's Cache-Control max-age (else defaultMaxAgeMs); concurrent
// callers share one in-flight fetch. An unknown kid (key rotation) causes at most one refetch
// per token, and at most one per minRefetchIntervalMs per URI, so a burst of tokens with made-up
// kids cannot turn this process into a fetch cannon against the provider. An expired entry that
// cannot be refreshed fails closed: keys the provider may have withdrawn are not used again.
// Which key verifies which token: see selectKey.

export type JwsHeaderForKey = { kid?: string; alg: string };

export type JwksCacheOptions = {
  out: OutboundOptions;
  minRefetchIntervalMs?: number;
  defaultMaxAgeMs?: number;
  now?: () => number;
};

export type JwksCache = {
  /** The public key that must verify a token with this header; FlowError("jwks") or FlowError("id_token") otherwise. */
  getKeyFor(jwksUri: string, header: JwsHeaderForKey): Promise<CryptoKey>;
  /** Forgets every cached key set (tests, or after an admin changes a JWKS URI). */
  clear(): void;
};

type Entry = { keys: JWK[]; expiresAt: number };
type UriState = {
  entry: Entry | null;
  inflight: Promise<Entry> | null;
  lastFetchAt: number;
  imported: WeakMap<JWK, Map<string, Promise<CryptoKey>>>;
};
type Pick = { kind: "one"; jwk: JWK } | { kind: "none" | "ambiguous"; reason: string };

const MAX_URIS = 100;
const MAX_AGE_CAP_MS = 24 * 60 * 60 * 1000;

const EC_CURVES: Record<string, string> = { ES256: "P-256", ES384: "P-384", ES512: "P-521" };

/** Whether a JWK may verify a signature made with `alg`: type and curve fit, and its use/alg/key_ops allow it. */
export function keyFitsAlg(jwk: JWK, alg: string): boolean {
  if (jwk.use !== undefined && jwk.use !== "sig") return false;
  if (Array.isArray(jwk.key_ops) && !jwk.key_ops.includes("verify")) return false;
  if (jwk.alg !== undefined && jwk.alg !== alg) return false;
  if (/^(RS|PS)(256|384|512)$/.test(alg)) return jwk.kty === "RSA";
  if (alg in EC_CURVES) return jwk.kty === "EC" && jwk.crv === EC_CURVES[alg];
  if (alg === "EdDSA") return jwk.kty === "OKP" && (jwk.crv === "Ed25519" || jwk.crv === "Ed448");
  if (alg === "Ed25519") return jwk.kty === "OKP" && jwk.crv === "Ed25519";
  return false; // "none", HS*, anything unknown: no public key verifies those
}

/**
 * With a kid: the key with that kid, if it fits the alg. Without a kid: the one key of the set
 * that fits the alg. Several candidates → refused rather than guessed: a token that names no
 * key, from a provider with several keys of one type, is not verified by trial and error.
 */
export function selectKey(keys: JWK[], header: JwsHeaderForKey): Pick {
  const { kid, alg } = header;
  const named = kid === undefined ? keys : keys.filter((k) => k.kid === kid);
  const fit = named.filter((k) => keyFitsAlg(k, alg));
  const [only] = fit;
  if (only && fit.length === 1) return { kind: "one", jwk: only };
  if (fit.length > 1) {
    return kid === undefined
      ? {
          kind: "ambiguous",
          reason: `the token has no kid and ${fit.length} keys of the JWKS fit ${alg}; refusing to guess which one signed it`,
        }
      : {
          kind: "ambiguous",
          reason: `${fit.length} keys of the JWKS have kid ${quote(kid, 80)} and fit ${alg}; refusing to guess`,
        };
  }
  if (kid === undefined) return { kind: "none", reason: `the token has no kid and no key of the JWKS fits ${alg}` };
  if (named.length > 0)
    return {
      kind: "none",
      reason: `the JWKS key with kid ${quote(kid, 80)} cannot verify ${alg} (kty ${quote(named[0]?.kty ?? "?", 10)})`,
    };
  return { kind: "none", reason: `no key of the JWKS has kid ${quote(kid, 80)}` };
}

function maxAgeMs(cacheControl: string | null): number | null {
  if (!cacheControl) return null;
  if (/(^|,)\s*(no-store|no-cache)\b/i.test(cacheControl)) return 0;
  const match = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?/i.exec(cacheControl);
  return match?.[1] ? Number(match[1]) * 1000 : null;
}

/** Public verification keys only: private members and symmetric keys are dropped, never used. */
function publicKeys(value: unknown): JWK[] | null {
  if (!isRecord(value) || !Array.isArray(value.keys)) return null;
  return value.keys.filter((k): k is JWK => isRecord(k) && typeof k.kty === "string" && k.kty !== "oct" && !("d" in k));
}

export function createJwksCache(opts: JwksCacheOptions): JwksCache {
  const now = opts.now ?? Date.now;
  const minRefetchMs = opts.minRefetchIntervalMs ?? 10_000;
  const defaultMaxAgeMs = opts.defaultMaxAgeMs ?? 10 * 60 * 1000;
  const states = new Map<string, UriState>();

  function stateFor(uri: string): UriState {
    let state = states.get(uri);
    if (!state) {
      state = { entry: null, inflight: null, lastFetchAt: -Infinity, imported: new WeakMap() };
      states.set(uri, state);
      for (const old of states.keys()) if (states.size > MAX_URIS) states.delete(old);
    }
    return state;
  }

  async function load(uri: string): Promise<Entry> {
    const where = describeUrl(uri);
    const response = await outboundCall(
      "jwks",
      uri,
      { method: "GET", headers: { accept: "application/jwk-set+json, application/json" } },
      opts.out,
    ).catch((err: unknown) => {
      throw err instanceof FlowError
        ? new FlowError("jwks", `could not load the JWKS from ${where}: ${err.reason}`, err.hint)
        : err;
    });
    const hint =
      "Check the JWKS URI in the JWT configuration (the provider's discovery document names it as jwks_uri).";
    if (response.status !== 200)
      throw new FlowError("jwks", `the JWKS at ${where} answered HTTP ${response.status}`, hint);
    const parsed = parseJson(response.bodyText);
    if (!parsed.ok) throw new FlowError("jwks", `the JWKS at ${where} is not JSON`, hint);
    const keys = publicKeys(parsed.value);
    if (!keys) throw new FlowError("jwks", `the JWKS at ${where} has no "keys" array`, hint);
    const maxAge = maxAgeMs(response.headers.get("cache-control")) ?? defaultMaxAgeMs;
    return { keys, expiresAt: now() + Math.min(Math.max(maxAge, minRefetchMs), MAX_AGE_CAP_MS) };
  }

  function fetchShared(state: UriState, uri: string): Promise<Entry> {
    if (state.inflight) return state.inflight;
    state.lastFetchAt = now();
    const inflight = load(uri).then((entry) => (state.entry = entry));
    state.inflight = inflight;
    void inflight.then(
      () => (state.inflight = null),
      () => (state.inflight = null),
    );
    return inflight;
  }

  function importKey(state: UriState, jwk: JWK, alg: string): Promise<CryptoKey> {
    const byAlg = state.imported.get(jwk) ?? new Map<string, Promise<CryptoKey>>();
    state.imported.set(jwk, byAlg);
    let key = byAlg.get(alg);
    if (!key) {
      key = (importJWK(jwk, alg) as Promise<CryptoKey>).catch(() => {
        byAlg.delete(alg);
        throw new FlowError(
          "jwks",
          `the JWKS key ${quote(jwk.kid ?? "without kid", 80)} is not a valid ${alg} public key`,
          "The provider publishes a malformed key.",
        );
      });
      byAlg.set(alg, key);
    }
    return key;
  }

  async function getKeyFor(jwksUri: string, header: JwsHeaderForKey): Promise<CryptoKey> {
    const state = stateFor(jwksUri);
    const fresh = state.entry && now() < state.entry.expiresAt ? state.entry : null;
    let entry = fresh ?? (await fetchShared(state, jwksUri));
    let pick = selectKey(entry.keys, header);
    let note = "";
    // Unknown key and this token caused no fetch yet: one refetch, unless one ran recently.
    if (pick.kind === "none" && fresh) {
      if (state.entry && state.entry !== entry) pick = selectKey((entry = state.entry).keys, header);
      if (pick.kind === "none") {
        const sinceMs = now() - state.lastFetchAt;
        if (state.inflight || sinceMs >= minRefetchMs)
          pick = selectKey((entry = await fetchShared(state, jwksUri)).keys, header);
        else
          note = ` (the JWKS was fetched ${Math.round(sinceMs / 1000)} s ago; not refetched again before ${Math.round(minRefetchMs / 1000)} s)`;
      }
    }
    if (pick.kind === "one") return importKey(state, pick.jwk, header.alg);
    const hint =
      pick.kind === "ambiguous"
        ? "The token does not say which key signed it and several could have; the engine does not guess. Ask the provider to put a kid in its tokens."
        : "The token is signed with a key the provider does not publish at the configured JWKS URI: check the JWKS URI, or the provider rotated keys very recently.";
    throw new FlowError("id_token", `${pick.reason}${note}`, hint);
  }

  return { getKeyFor, clear: () => states.clear() };
}
