import { createServer } from "node:http";
import type { JWK } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { startHostileIdp, withoutKid, type HostileIdp } from "@/e2e/fixtures/hostile-idp";
import { closeServer, listenOnLoopback } from "@/e2e/fixtures/http-helpers";
import { closePinnedAgents } from "@/lib/net/guarded-fetch";
import { parseTrustedHosts } from "@/lib/net/trusted-hosts";
import { createJwksCache, keyFitsAlg, selectKey, type JwksCache } from "./jwks-cache";
import { FlowError } from "./types";

// Against the hostile IdP's /jwks, which counts its fetches. Time is a clock the test moves.

const out = { trustedHosts: parseTrustedHosts(["127.0.0.1"]), timeoutMs: 2_000 };
let idp: HostileIdp;
let clock: number;
let cache: JwksCache;

beforeAll(async () => {
  idp = await startHostileIdp();
});
afterAll(async () => {
  await idp?.close();
  await closePinnedAgents();
});
beforeEach(() => {
  idp.setScenario();
  clock = 1_700_000_000_000;
  cache = createJwksCache({ out, now: () => clock });
});

const rs1 = { kid: "rs-1", alg: "RS256" };
const rs2 = { kid: "rs-2", alg: "RS256" };

async function refusal(promise: Promise<unknown>): Promise<FlowError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof FlowError)) throw new Error(`expected a FlowError, got ${String(err)}`);
  return err;
}

describe("caching", () => {
  it("fetches the JWKS once and answers later lookups from the cache", async () => {
    const key = await cache.getKeyFor(idp.jwksUri, rs1);
    expect(key.algorithm.name).toBe("RSASSA-PKCS1-v1_5");
    expect(key.type).toBe("public");
    await cache.getKeyFor(idp.jwksUri, { kid: "es-1", alg: "ES256" });
    await cache.getKeyFor(idp.jwksUri, rs1);
    expect(idp.jwksFetches).toBe(1);
  });

  it("keeps the keys for the answer's Cache-Control max-age, then fetches again", async () => {
    idp.setScenario({ jwksCacheControl: "public, max-age=120" });
    await cache.getKeyFor(idp.jwksUri, rs1);
    clock += 119_000;
    await cache.getKeyFor(idp.jwksUri, rs1);
    expect(idp.jwksFetches).toBe(1);
    clock += 2_000;
    await cache.getKeyFor(idp.jwksUri, rs1);
    expect(idp.jwksFetches).toBe(2);
  });

  it("keeps the keys for the default 10 minutes without Cache-Control", async () => {
    await cache.getKeyFor(idp.jwksUri, rs1);
    clock += 10 * 60_000 - 1;
    await cache.getKeyFor(idp.jwksUri, rs1);
    expect(idp.jwksFetches).toBe(1);
    clock += 2;
    await cache.getKeyFor(idp.jwksUri, rs1);
    expect(idp.jwksFetches).toBe(2);
  });

  it("does not fetch per token when the provider says no-store: the refetch interval is the floor", async () => {
    idp.setScenario({ jwksCacheControl: "no-store" });
    await cache.getKeyFor(idp.jwksUri, rs1);
    await cache.getKeyFor(idp.jwksUri, rs1);
    expect(idp.jwksFetches).toBe(1);
    clock += 10_001;
    await cache.getKeyFor(idp.jwksUri, rs1);
    expect(idp.jwksFetches).toBe(2);
  });

  it("lets concurrent callers on a cold cache share one in-flight fetch", async () => {
    idp.setScenario({ jwksDelayMs: 150 });
    const keys = await Promise.all(Array.from({ length: 10 }, () => cache.getKeyFor(idp.jwksUri, rs1)));
    expect(keys).toHaveLength(10);
    expect(idp.jwksFetches).toBe(1);
  });
});

describe("unknown kid (key rotation)", () => {
  it("refetches once on an unknown kid and accepts the rotated-in key", async () => {
    idp.setScenario({ jwks: [[idp.keys.rs256.publicJwk], [idp.keys.rs256.publicJwk, idp.keys.rs256Next.publicJwk]] });
    await cache.getKeyFor(idp.jwksUri, rs1);
    clock += 10_000;
    await expect(cache.getKeyFor(idp.jwksUri, rs2)).resolves.toBeDefined();
    expect(idp.jwksFetches).toBe(2);
  });

  it("refuses a kid still unknown after the one refetch, and does not refetch again within the interval", async () => {
    await cache.getKeyFor(idp.jwksUri, rs1);
    clock += 10_000;
    const first = await refusal(cache.getKeyFor(idp.jwksUri, { kid: "ghost-1", alg: "RS256" }));
    expect(first.step).toBe("id_token");
    expect(first.reason).toContain('no key of the JWKS has kid "ghost-1"');
    expect(idp.jwksFetches).toBe(2);
    clock += 9_999;
    const second = await refusal(cache.getKeyFor(idp.jwksUri, { kid: "ghost-2", alg: "RS256" }));
    expect(second.reason).toMatch(/not refetched again/);
    expect(idp.jwksFetches).toBe(2);
    clock += 1;
    await refusal(cache.getKeyFor(idp.jwksUri, { kid: "ghost-3", alg: "RS256" }));
    expect(idp.jwksFetches).toBe(3);
  });

  it("does not refetch when the token's own lookup just fetched the JWKS (cold cache)", async () => {
    await refusal(cache.getKeyFor(idp.jwksUri, { kid: "ghost", alg: "RS256" }));
    expect(idp.jwksFetches).toBe(1);
  });

  it("turns a burst of unknown kids into a single refetch", async () => {
    idp.setScenario({ jwks: [[idp.keys.rs256.publicJwk], [idp.keys.rs256.publicJwk, idp.keys.rs256Next.publicJwk]] });
    await cache.getKeyFor(idp.jwksUri, rs1);
    clock += 60_000;
    idp.setScenario({ jwks: [[idp.keys.rs256.publicJwk, idp.keys.rs256Next.publicJwk]], jwksDelayMs: 100 });
    const burst = Array.from({ length: 25 }, (_, i) =>
      cache.getKeyFor(idp.jwksUri, { kid: `made-up-${i}`, alg: "RS256" }),
    );
    const results = await Promise.allSettled([...burst, cache.getKeyFor(idp.jwksUri, rs2)]);
    expect(idp.jwksFetches).toBe(1);
    expect(results.slice(0, 25).every((r) => r.status === "rejected")).toBe(true);
    expect(results[25]?.status).toBe("fulfilled");
  });
});

describe("an unusable JWKS", () => {
  it("names the URI without its query string when the JWKS cannot be reached", async () => {
    const closed = createServer();
    const port = await listenOnLoopback(closed);
    await closeServer(closed);
    const err = await refusal(cache.getKeyFor(`http://127.0.0.1:${port}/keys?access=s3cret-value`, rs1));
    expect(err.step).toBe("jwks");
    expect(err.reason).toContain(`http://127.0.0.1:${port}/keys`);
    expect(`${err.reason} ${err.hint} ${err.message}`).not.toContain("s3cret");
  });

  it("refuses a JWKS host the address guard does not trust", async () => {
    const err = await refusal(cache.getKeyFor(`http://127.0.0.2:${new URL(idp.url).port}/jwks`, rs1));
    expect(err.step).toBe("jwks");
    expect(err.reason).toMatch(/trusted/);
    expect(idp.jwksFetches).toBe(0);
  });

  it.each([
    ["HTTP 500", { status: 500, contentType: "application/json", body: '{"error":"down"}' }, /answered HTTP 500/],
    ["an HTML page", { status: 200, contentType: "text/html", body: "<html>login</html>" }, /is not JSON/],
    ["JSON without keys", { status: 200, contentType: "application/json", body: '{"jwks":[]}' }, /no "keys" array/],
    [
      "more than 1 MiB",
      { status: 200, contentType: "application/json", body: `{"keys":[],"pad":"${"x".repeat(1_100_000)}"}` },
      /larger than the limit/,
    ],
  ])("fails with step jwks on %s", async (_name, jwksRaw, reason) => {
    idp.setScenario({ jwksRaw });
    const err = await refusal(cache.getKeyFor(idp.jwksUri, rs1));
    expect(err.step).toBe("jwks");
    expect(err.reason).toMatch(reason);
  });

  it("fails on a slow JWKS with the timeout, and tries again on the next token (failures are not cached)", async () => {
    const slowCache = createJwksCache({ out: { ...out, timeoutMs: 200 }, now: () => clock });
    idp.setScenario({ jwksDelayMs: 1_000 });
    expect((await refusal(slowCache.getKeyFor(idp.jwksUri, rs1))).reason).toMatch(/did not answer within 200 ms/);
    idp.setScenario();
    await expect(slowCache.getKeyFor(idp.jwksUri, rs1)).resolves.toBeDefined();
  });

  it("never uses private or symmetric members of a JWKS", async () => {
    idp.setScenario({
      jwks: [
        [
          { kty: "oct", k: "c2VjcmV0", kid: "oct-1" },
          { ...idp.keys.rs256.publicJwk, d: "AAAA", kid: "priv-1" },
          idp.keys.es256.publicJwk,
        ],
      ],
    });
    expect((await refusal(cache.getKeyFor(idp.jwksUri, { kid: "oct-1", alg: "HS256" }))).reason).toContain('"oct-1"');
    expect((await refusal(cache.getKeyFor(idp.jwksUri, { kid: "priv-1", alg: "RS256" }))).reason).toContain('"priv-1"');
  });
});

describe("key choice", () => {
  const k = (jwk: JWK) => jwk;
  it("matches type, curve, use, key_ops and alg to the token's alg", async () => {
    const { rs256, es256 } = idp.keys;
    expect(keyFitsAlg(rs256.publicJwk, "RS256")).toBe(true);
    expect(keyFitsAlg(rs256.publicJwk, "PS256")).toBe(false); // its alg member says RS256
    expect(keyFitsAlg(withoutKid({ ...rs256.publicJwk, alg: undefined }), "PS256")).toBe(true);
    expect(keyFitsAlg(es256.publicJwk, "ES256")).toBe(true);
    expect(keyFitsAlg({ ...es256.publicJwk, alg: undefined, crv: "P-384" }, "ES256")).toBe(false);
    expect(keyFitsAlg({ ...rs256.publicJwk, use: "enc" }, "RS256")).toBe(false);
    expect(keyFitsAlg({ ...rs256.publicJwk, key_ops: ["encrypt"] }, "RS256")).toBe(false);
    expect(keyFitsAlg(rs256.publicJwk, "HS256")).toBe(false);
    expect(keyFitsAlg(rs256.publicJwk, "none")).toBe(false);
  });

  it("without a kid: the one fitting key, or a refusal when several fit", () => {
    const { rs256, rs256Next, es256 } = idp.keys;
    const pick = selectKey([k(rs256.publicJwk), k(es256.publicJwk)], { alg: "ES256" });
    expect(pick).toMatchObject({ kind: "one", jwk: { kid: "es-1" } });
    expect(selectKey([rs256.publicJwk, rs256Next.publicJwk], { alg: "RS256" })).toMatchObject({ kind: "ambiguous" });
    expect(selectKey([es256.publicJwk], { alg: "RS256" })).toMatchObject({ kind: "none" });
  });
});
