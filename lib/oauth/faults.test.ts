import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkedJwt, engineProvider } from "@/lib/testing/engine-provider";
import { startHostileIdp, type HostileIdp } from "@/e2e/fixtures/hostile-idp";
import { startTcpSwitch, type TcpSwitch } from "@/e2e/fixtures/tcp-switch";
import { closePinnedAgents } from "@/lib/net/guarded-fetch";
import { parseTrustedHosts } from "@/lib/net/trusted-hosts";
import { createJwksCache, type JwksCache } from "./jwks-cache";
import { runFlow, type FlowOutcome } from "./run-flow";
import type { EngineProvider } from "./types";

// Issue 8, faults: the engine's callback work (token call, JWKS, ID token) while the IdP is
// down, slow, failing or rotating keys, through a switch that takes the real hostile IdP off
// and back on at the same URL. What the admin's Test connection report and the audit trail
// get is the FlowError's step and reason, and the report, which must name the step, say what
// to check and hold no token; the next flow after the fault passes with the same JWKS cache.

const NONCE = "n-0S6_WzA2Mj";
const TIMEOUT_MS = 800;
let idp: HostileIdp;
let sw: TcpSwitch;
let jwks: JwksCache;
let clock: number;

beforeAll(async () => {
  idp = await startHostileIdp();
  sw = await startTcpSwitch(Number(new URL(idp.url).port));
});
afterAll(async () => {
  await sw?.close();
  await idp?.close();
  await closePinnedAgents();
});
beforeEach(async () => {
  await sw.up();
  idp.setScenario({ nonce: NONCE });
  clock = Date.now();
  jwks = createJwksCache({ out, now: () => clock });
});

const via = () => `http://127.0.0.1:${sw.port}`;
const out = { trustedHosts: parseTrustedHosts(["127.0.0.1"]), timeoutMs: TIMEOUT_MS };
const provider = (): EngineProvider =>
  engineProvider(
    {
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      authorizationUri: `${via()}/authorize`,
      tokenUri: `${via()}/token`,
    },
    // The tokens name the IdP's own URL as issuer; the switch only carries the bytes.
    {
      id: "prov-faults",
      name: "Faulty IdP",
      jwt: checkedJwt({ jwksUri: `${via()}/jwks`, issuer: idp.issuer }, { allowedAlgorithms: ["RS256"] }),
    },
  );
const callback = () =>
  runFlow(
    provider(),
    new URLSearchParams({ code: `code-${crypto.randomUUID()}`, state: "s" }),
    { nonce: NONCE, codeVerifier: "v".repeat(43) },
    { redirectUri: "http://localhost:3000/oauth/callback/prov-faults", out, jwks, mappingContext: null },
  );

function expectFailure(outcome: FlowOutcome, step: string, reason: RegExp) {
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return;
  expect(outcome.error.step).toBe(step);
  expect(outcome.error.reason).toMatch(reason);
  // The report the admin sees: the steps up to the failure, never a token or the client secret.
  const report = JSON.stringify(outcome.report);
  expect(report).not.toContain("hostile-access-token");
  expect(report).not.toContain(idp.clientSecret);
  expect(report).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
}
const expectPass = (outcome: FlowOutcome) =>
  expect(outcome, JSON.stringify(!outcome.ok && outcome.error)).toMatchObject({ ok: true, subject: "sub-alice" });

describe("faults at the identity provider", () => {
  it("IdP down: the token step fails at once with what to check; back up at the same URL, the next flow passes", async () => {
    expectPass(await callback());
    await sw.down();
    const started = Date.now();
    const down = await callback();
    expectFailure(down, "token", /refused|reach|ECONNREFUSED|connect/i);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS);
    if (!down.ok) expect(down.error.hint).toBeTruthy();
    await sw.up();
    expectPass(await callback());
  });

  it("IdP slower than the timeout: the token step fails after the timeout, not later; the next flow passes", async () => {
    idp.setScenario({ nonce: NONCE, tokenDelayMs: TIMEOUT_MS * 3 });
    const started = Date.now();
    expectFailure(await callback(), "token", /did not answer within 800 ms|timeout|time/i);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(took).toBeLessThan(TIMEOUT_MS * 2.5);
    idp.setScenario({ nonce: NONCE });
    expectPass(await callback());
  });

  it("token endpoint answers 500, then 200: the first flow fails naming the status, the next passes", async () => {
    idp.setScenario({
      nonce: NONCE,
      tokenRaw: { status: 500, contentType: "text/html", body: "<h1>Internal Server Error</h1>" },
    });
    const failed = await callback();
    expectFailure(failed, "token", /500/);
    if (!failed.ok) expect(failed.error.reason).not.toContain("<h1>");
    idp.setScenario({ nonce: NONCE });
    expectPass(await callback());
  });

  it("JWKS unreachable, then back: the jwks step fails, the failure is not cached, the next flow passes", async () => {
    idp.setScenario({ nonce: NONCE, jwksRaw: { status: 503, contentType: "text/plain", body: "maintenance" } });
    expectFailure(await callback(), "jwks", /503/);
    idp.setScenario({ nonce: NONCE });
    expectPass(await callback());
  });

  it("JWKS slower than the timeout while the token endpoint answers: the jwks step fails within the timeout", async () => {
    idp.setScenario({ nonce: NONCE, jwksDelayMs: TIMEOUT_MS * 3 });
    const started = Date.now();
    expectFailure(await callback(), "jwks", /did not answer within 800 ms/);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 2.5);
  });

  it("key rotated while the JWKS is down: refused; the JWKS back, the refetch floor (10 s since the failed attempt) holds, then the flow passes", async () => {
    expectPass(await callback());
    clock += 60_000;
    idp.setScenario({
      nonce: NONCE,
      idToken: { signWith: "rs256Next" },
      jwksRaw: { status: 503, contentType: "text/plain", body: "maintenance" },
    });
    expectFailure(await callback(), "jwks", /503/);
    idp.setScenario({
      nonce: NONCE,
      idToken: { signWith: "rs256Next" },
      jwks: [[idp.keys.rs256.publicJwk, idp.keys.rs256Next.publicJwk]],
    });
    // A failed attempt counts as a fetch for the rate limit: a burst of unknown kids cannot hammer a struggling IdP.
    expectFailure(await callback(), "id_token", /not refetched again before 10 s/);
    clock += 10_000;
    expectPass(await callback());
  });

  it("key rotated mid-flow: the cached key set lacks the new kid, one refetch, the flow passes", async () => {
    idp.setScenario({
      nonce: NONCE,
      jwks: [[idp.keys.rs256.publicJwk], [idp.keys.rs256.publicJwk, idp.keys.rs256Next.publicJwk]],
    });
    expectPass(await callback());
    expect(idp.jwksFetches).toBe(1);
    // A minute later the IdP signs with the next key; the cache still holds the first set.
    clock += 60_000;
    idp.setScenario({
      nonce: NONCE,
      idToken: { signWith: "rs256Next" },
      jwks: [[idp.keys.rs256.publicJwk, idp.keys.rs256Next.publicJwk]],
    });
    expectPass(await callback());
    expect(idp.jwksFetches).toBe(1);
    // Still the new key: from the cache, no fetch.
    expectPass(await callback());
    expect(idp.jwksFetches).toBe(1);
  });
});
