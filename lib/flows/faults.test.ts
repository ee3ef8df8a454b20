import { and, eq, gt, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { auditEvents, oauthAssignments } from "@/db/schema";
import { providerCtx } from "@/db/test/provider-ctx";
import { seedUser } from "@/db/test/seed";
import { openPostgresTestDb } from "@/db/test/test-db";
import { startHostileIdp, type HostileIdp } from "@/e2e/fixtures/hostile-idp";
import { startTcpSwitch, type TcpSwitch } from "@/e2e/fixtures/tcp-switch";
import { createProvider } from "@/lib/identity-providers/create-provider";
import { closePinnedAgents } from "@/lib/net/guarded-fetch";
import { handleCallback } from "./handle-callback";
import { startFlow } from "./start-flow";
import "@/lib/wiring/register-purposes";

// Issue 8, faults, as the person and the audit trail see them: a bound user signs in through
// the provider's Logon URL while the IdP is down or failing. The person lands on the login page
// with the generic "did not succeed" message (/login?error=oauth_failed), the security log gets
// LoginFailed naming the step and the reason (no token, no secret), and once the IdP is back
// the next sign-in completes, without restarting anything.

let handle: DbHandle;
let idp: HostileIdp;
let sw: TcpSwitch;
let providerId: string;
beforeAll(async () => {
  handle = await openPostgresTestDb();
  idp = await startHostileIdp();
  sw = await startTcpSwitch(Number(new URL(idp.url).port));
  const via = `http://127.0.0.1:${sw.port}`;
  providerId = (
    await createProvider(ctx(), {
      name: `Faulty ${crypto.randomUUID()}`,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      authorizationUri: `${via}/authorize`,
      tokenUri: `${via}/token`,
      jwt: { jwksUri: `${via}/jwks`, issuer: idp.issuer },
      usedForUserAuthentication: true,
    })
  ).id;
  const { user } = await seedUser(handle.db, { password: null });
  await handle.db
    .insert(oauthAssignments)
    .values({ userId: user.id, providerId, state: "bound", subject: "sub-alice" });
});
afterAll(async () => {
  await sw?.close();
  await idp?.close();
  await closePinnedAgents();
  await handle?.close();
});
beforeEach(async () => {
  await sw.up();
  idp.setScenario();
});

const ctx = () => providerCtx(handle.db, ["127.0.0.1"]);

/** The Logon URL's flow: start, the IdP "redirects back" with a code, the callback runs. */
async function signIn(): Promise<{ redirectTo: string; since: Date }> {
  const since = new Date(Date.now() - 1);
  const flow = await startFlow(ctx(), { providerId, purpose: "login" });
  const auth = new URL(flow.authorizationUrl).searchParams;
  // The IdP puts the flow's nonce into the ID token, as a real one would.
  idp.setScenario({ ...currentFault, nonce: auth.get("nonce")! });
  const params = new URLSearchParams({ state: auth.get("state")!, code: `code-${crypto.randomUUID()}` });
  return { ...(await handleCallback(ctx(), { providerId, params, browserToken: flow.browserToken })), since };
}
let currentFault: Parameters<HostileIdp["setScenario"]>[0] = {};

async function loginFailures(since: Date) {
  return handle.db
    .select()
    .from(auditEvents)
    .where(
      and(eq(auditEvents.action, "LoginFailed"), eq(auditEvents.providerId, providerId), gt(auditEvents.at, since)),
    );
}

async function expectFailedSignIn(step: string, reason: RegExp) {
  const { redirectTo, since } = await signIn();
  expect(redirectTo).toBe("/login?error=oauth_failed");
  const [event, ...more] = await loginFailures(since);
  expect(more).toHaveLength(0);
  const data = event!.data as { reason: string; method: string };
  expect(data.method).toBe("oauth");
  expect(data.reason.startsWith(`${step}: `), data.reason).toBe(true);
  expect(data.reason).toMatch(reason);
  const row = JSON.stringify(event);
  expect(row).not.toContain(idp.clientSecret);
  expect(row).not.toContain("hostile-access-token");
  expect(row).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
}

async function expectSignedIn() {
  currentFault = {};
  const { redirectTo, since } = await signIn();
  expect(redirectTo).toBe("/");
  expect(await loginFailures(since)).toHaveLength(0);
}

describe("signing in through a failing identity provider", () => {
  it("a working IdP signs the bound user in (the baseline the faults are measured against)", async () => {
    await expectSignedIn();
  });

  it("IdP down: refused at the token step, logged; back up, the next sign-in completes", async () => {
    await sw.down();
    currentFault = {};
    await expectFailedSignIn("token", /refused|reach|connect/i);
    await sw.up();
    await expectSignedIn();
  });

  it("token endpoint 500, then 200", async () => {
    currentFault = { tokenRaw: { status: 500, contentType: "text/html", body: "<h1>down for maintenance</h1>" } };
    await expectFailedSignIn("token", /500/);
    await expectSignedIn();
  });

  it("JWKS unreachable when the keys are not cached: refused at the jwks step; JWKS back, the next sign-in completes", async () => {
    // The sign-ins above cached this provider's keys in the process; a fresh JWKS URI
    // spelling (same endpoint) starts cold, as after a restart or a configuration change.
    await handle.db.execute(
      sql`update identity_providers set jwt = jsonb_set(jwt, '{jwksUri}', to_jsonb(${`http://127.0.0.1:${sw.port}/jwks?cold=1`}::text)) where id = ${providerId}`,
    );
    currentFault = { jwksRaw: { status: 503, contentType: "text/plain", body: "maintenance" } };
    await expectFailedSignIn("jwks", /503/);
    await expectSignedIn();
  });
});
