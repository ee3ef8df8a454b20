import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { checkedJwt, engineProvider } from "@/lib/testing/engine-provider";
import {
  startHostileIdp,
  withoutKid,
  type HostileIdp,
  type HostileScenario,
  type IdTokenSpec,
} from "@/e2e/fixtures/hostile-idp";
import type { JwtConfig } from "./provider-config";
import { closePinnedAgents } from "@/lib/net/guarded-fetch";
import { parseTrustedHosts } from "@/lib/net/trusted-hosts";
import { IdTokenError, validateIdToken, type ValidatedIdToken } from "./id-token";
import { createJwksCache, type JwksCache } from "./jwks-cache";
import { exchangeCode } from "./token-request";
import type { EngineProvider } from "./types";

// TESTING "ID token" 1-10 against the hostile IdP: each test sets one scenario, gets the ID
// token from the IdP's token endpoint through the engine, and validates it. The IdP's clock and
// the validator's are the same fixed instant, so lifetime edges are exact to the second.

const NOW = Date.now();
const T = Math.floor(NOW / 1000);
const NONCE = "nonce-of-this-flow";
const out = { trustedHosts: parseTrustedHosts(["127.0.0.1"]), timeoutMs: 3_000 };

let idp: HostileIdp;
let provider: EngineProvider;
let cacheClock: number;
let jwks: JwksCache;

beforeAll(async () => {
  idp = await startHostileIdp({ now: () => NOW });
  provider = engineProvider(
    {
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      authorizationUri: `${idp.url}/authorize`,
      tokenUri: idp.tokenUrl,
    },
    { id: "prov-hostile", name: "Hostile IdP" },
  );
});
afterAll(async () => {
  await idp?.close();
  await closePinnedAgents();
});
beforeEach(() => {
  cacheClock = NOW;
  jwks = createJwksCache({ out, now: () => cacheClock });
});

const config = (changes: Partial<JwtConfig> = {}): JwtConfig =>
  checkedJwt({ jwksUri: idp.jwksUri, issuer: idp.issuer }, changes);

/** One flow: the scenario's token from /token (through the engine), then validation. */
async function validate(
  token: IdTokenSpec,
  cfg: Partial<JwtConfig> = {},
  scenario: Partial<HostileScenario> = {},
): Promise<ValidatedIdToken> {
  idp.setScenario({ nonce: NONCE, ...scenario, idToken: token });
  const tokens = await exchangeCode(
    provider,
    { code: "a-code", redirectUri: "http://localhost:3000/oauth/callback/prov-hostile", codeVerifier: "v".repeat(43) },
    out,
  );
  if (!tokens.idToken) throw new Error("the IdP answered no id_token");
  return validateIdToken(tokens.idToken, config(cfg), {
    clientId: idp.clientId,
    expectedNonce: NONCE,
    jwks,
    now: () => NOW,
  });
}

async function refused(
  token: IdTokenSpec,
  cfg: Partial<JwtConfig> = {},
  scenario: Partial<HostileScenario> = {},
): Promise<IdTokenError> {
  const err = await validate(token, cfg, scenario).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof IdTokenError))
    throw new Error(`expected an IdTokenError, got ${err === null ? "acceptance" : String(err)}`);
  expect(err.step).toBe("id_token");
  return err;
}

const failed = (err: IdTokenError) => err.checks.filter((c) => !c.ok).map((c) => c.check);

describe("1. valid tokens", () => {
  it.each(["rs256", "es256", "ps256"] as const)(
    "accepts a valid %s token and reports every check",
    async (signWith) => {
      const result = await validate({ signWith });
      expect(result.header.alg).toBe(idp.keys[signWith].alg);
      expect(result.claims).toMatchObject({ sub: "sub-alice", email: "alice@example.com" });
      expect(result.checks.map((c) => c.check)).toEqual([
        "algorithm",
        "key",
        "signature",
        "sub",
        "issuer",
        "audience",
        "azp",
        "exp",
        "iat",
        "nonce",
      ]);
      expect(result.checks.every((c) => c.ok)).toBe(true);
    },
  );
});

describe("2-4. issuer, subject, audience", () => {
  it("refuses a wrong iss with Validate issuer, saying both values", async () => {
    const err = await refused({ claims: { iss: "https://evil.example" } });
    expect(err.reason).toBe(`issuer in token "https://evil.example" ≠ configured "${idp.issuer}"`);
    expect(failed(err)).toEqual(["issuer"]);
  });

  it("refuses a token without iss", async () => {
    expect((await refused({ claims: { iss: undefined } })).reason).toBe("the token has no iss");
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["a number", 42],
  ])("refuses a %s sub, even with every check turned off", async (_name, sub) => {
    const allOff = { validateIssuer: false, validateAudience: false, validateLifetime: false, addNonce: false };
    const err = await refused({ claims: { sub } }, allOff);
    expect(failed(err)).toEqual(["sub"]);
  });

  it.each([
    ["another audience", { aud: "other-client" }, "audience"],
    ["no audience", { aud: undefined }, "audience"],
    ["an array with another audience", { aud: ["other-client"] }, "audience"],
    ["an array with the client id and another", { aud: ["hostile-client", "other-client"] }, "audience"],
    ["azp of another client", { azp: "other-client" }, "azp"],
  ])("refuses %s with Validate audience", async (_name, claims, check) => {
    expect(failed(await refused({ claims }))).toEqual([check]);
  });

  it("accepts aud as [client_id] and azp equal to the client id", async () => {
    const result = await validate({ claims: { aud: [idp.clientId], azp: idp.clientId } });
    expect(result.checks.find((c) => c.check === "azp")?.detail).toBe("azp is the client id");
  });
});

describe("5. lifetime, with a clock skew of 60 s", () => {
  it.each([
    ["an expired token", { exp: T - 3600, iat: T - 300 }, "exp"],
    ["an iat far in the past", { iat: T - 3600, exp: T + 300 }, "iat"],
    ["an nbf in the future", { nbf: T + 3600 }, "nbf"],
    ["an iat in the future", { iat: T + 3600, exp: T + 7200 }, "iat"],
    ["no exp", { exp: undefined }, "exp"],
    ["no iat", { iat: undefined }, "iat"],
  ])("refuses %s", async (_name, claims, check) => {
    expect(failed(await refused({ claims }))).toEqual([check]);
  });

  it.each([
    ["exp", { exp: T - 59 }, { exp: T - 60 }],
    ["nbf", { nbf: T + 60 }, { nbf: T + 61 }],
    ["iat in the past (10 min + skew)", { iat: T - 660 }, { iat: T - 661 }],
    ["iat in the future", { iat: T + 60 }, { iat: T + 61 }],
  ])("%s: accepted just inside the skew, refused just outside", async (_name, inside, outside) => {
    await expect(validate({ claims: inside })).resolves.toBeDefined();
    await refused({ claims: outside });
  });

  it("applies the configured skew: with 0 s an exp of now is expired", async () => {
    await expect(validate({ claims: { exp: T + 1 } }, { clockSkewSeconds: 0 })).resolves.toBeDefined();
    expect(failed(await refused({ claims: { exp: T } }, { clockSkewSeconds: 0 }))).toEqual(["exp"]);
  });
});

describe("6. nonce", () => {
  it.each([
    ["a wrong nonce", { nonce: "another-flow" }, "nonce in token ≠ the nonce of this flow"],
    ["no nonce", { nonce: undefined }, "the token has no nonce"],
  ])("refuses %s with Add nonce", async (_name, claims, reason) => {
    expect((await refused({ claims })).reason).toBe(reason);
  });

  it("refuses when Add nonce is on but the flow kept none", async () => {
    idp.setScenario({ nonce: NONCE });
    const token = await idp.mintIdToken();
    const err = await validateIdToken(token, config(), {
      clientId: idp.clientId,
      expectedNonce: null,
      jwks,
      now: () => NOW,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IdTokenError);
    expect((err as IdTokenError).reason).toMatch(/kept no nonce/);
  });
});

describe("7. signature and algorithm", () => {
  it("refuses a tampered payload", async () => {
    const err = await refused({ tamper: true });
    expect(failed(err)).toEqual(["signature"]);
    expect(err.checks.map((c) => c.check)).toEqual(["algorithm", "key", "signature"]);
  });

  it("refuses a token signed by a key the provider does not publish, under a published kid", async () => {
    expect(failed(await refused({ signWith: "attacker", header: { kid: "rs-1" } }))).toEqual(["signature"]);
  });

  it.each([
    ["alg none", "none" as const],
    ["HS256 keyed with the RSA public key's PEM", "hs256-pem" as const],
    ["HS256 keyed with the RSA public JWK", "hs256-jwk" as const],
  ])("refuses %s, even when an admin's list were forced to hold it, without fetching keys", async (_name, signWith) => {
    const forced = { allowedAlgorithms: ["RS256", "none", "HS256"] as unknown as JwtConfig["allowedAlgorithms"] };
    const err = await refused({ signWith }, forced);
    expect(failed(err)).toEqual(["algorithm"]);
    expect(err.reason).toMatch(/never accepted/);
    expect(idp.jwksFetches).toBe(0);
  });

  it("refuses an algorithm off the allow-list (a valid ES256 token, RS256 allowed)", async () => {
    const err = await refused({ signWith: "es256" }, { allowedAlgorithms: ["RS256"] });
    expect(err.reason).toBe('algorithm "ES256" is not in the allowed list (RS256)');
  });
});

describe("8. tokens without kid", () => {
  it("accepts a token without kid when the JWKS holds one key", async () => {
    const result = await validate(
      { header: { kid: undefined } },
      {},
      { jwks: [[withoutKid(idp.keys.rs256.publicJwk)]] },
    );
    expect(result.header.kid).toBeUndefined();
  });

  it("accepts a token without kid when exactly one key of the JWKS fits its algorithm", async () => {
    await expect(validate({ signWith: "es256", header: { kid: undefined } })).resolves.toBeDefined();
  });

  it("refuses a token without kid when several keys fit, rather than trying them in turn", async () => {
    const jwksSets = [[idp.keys.rs256Next.publicJwk, idp.keys.rs256.publicJwk]];
    const err = await refused({ header: { kid: undefined } }, {}, { jwks: jwksSets });
    expect(err.reason).toBe(
      "the token has no kid and 2 keys of the JWKS fit RS256; refusing to guess which one signed it",
    );
    expect(idp.jwksFetches).toBe(1);
  });

  it("refuses a token without kid signed by another key, even when the JWKS holds one key", async () => {
    const err = await refused(
      { signWith: "attacker", header: { kid: undefined } },
      {},
      { jwks: [[withoutKid(idp.keys.rs256.publicJwk)]] },
    );
    expect(failed(err)).toEqual(["signature"]);
  });
});

describe("9. key rotation and key-carrying headers", () => {
  it("refetches the JWKS once on an unknown kid and accepts the rotated-in key", async () => {
    const rotation = { jwks: [[idp.keys.rs256.publicJwk], [idp.keys.rs256.publicJwk, idp.keys.rs256Next.publicJwk]] };
    await validate({}, {}, rotation); // primes the cache with the old set
    cacheClock += 30_000;
    await expect(
      validate({ signWith: "rs256Next" }, {}, { ...rotation, jwks: rotation.jwks.slice(1) }),
    ).resolves.toBeDefined();
    expect(idp.jwksFetches).toBe(1);
  });

  it("refuses a kid still unknown after that one refetch", async () => {
    await validate({});
    cacheClock += 30_000;
    const err = await refused({ signWith: "rs256Next" });
    expect(err.reason).toBe('no key of the JWKS has kid "rs-2"');
    expect(idp.jwksFetches).toBe(1);
  });

  it("ignores jku, x5u and jwk headers: an attacker's key named there is never fetched nor used", async () => {
    const header = { kid: "attacker-1", jku: idp.attackerUrl, x5u: idp.attackerUrl, jwk: idp.keys.attacker.publicJwk };
    const err = await refused({ signWith: "attacker", header });
    expect(failed(err)).toEqual(["key"]);
    expect(idp.attackerHits).toBe(0);
    const embedded = await refused({
      signWith: "attacker",
      header: { kid: undefined, jwk: idp.keys.attacker.publicJwk },
    });
    // No kid: rs-1 is the only RS256 key, so it is the one tried, and the attacker's signature fails.
    expect(failed(embedded)).toEqual(["signature"]);
    expect(idp.attackerHits).toBe(0);
  });

  it("accepts a properly signed token whatever jku/x5u it carries, without fetching them", async () => {
    await expect(validate({ header: { jku: idp.attackerUrl, x5u: idp.attackerUrl } })).resolves.toBeDefined();
    expect(idp.attackerHits).toBe(0);
  });
});

describe("10. each check turned off passes that check only", () => {
  const defects = {
    validateIssuer: { check: "issuer", claims: { iss: "https://evil.example" } },
    validateAudience: { check: "audience", claims: { aud: "other-client" } },
    validateLifetime: { check: "exp", claims: { exp: T - 3600 } },
    addNonce: { check: "nonce", claims: { nonce: "another-flow" } },
  } as const;
  const toggles = Object.keys(defects) as (keyof typeof defects)[];

  it.each(toggles)(
    "%s: on → refused, off → accepted (reported as not checked), off + another defect → refused for that one",
    async (toggle) => {
      const { check, claims } = defects[toggle];
      expect(failed(await refused({ claims }))).toEqual([check]);

      const accepted = await validate({ claims }, { [toggle]: false });
      expect(accepted.checks.find((c) => c.check === check)).toMatchObject({
        ok: true,
        detail: expect.stringMatching(/^not checked/),
      });

      const other = defects[toggles[(toggles.indexOf(toggle) + 1) % toggles.length] ?? toggle];
      const err = await refused({ claims: { ...claims, ...other.claims } }, { [toggle]: false });
      expect(failed(err)).toEqual([other.check]);
    },
  );
});
