import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { auditEvents, refusalAuditWindows } from "@/db/schema";
import { oidcProviderInput, providerCtx } from "@/db/test/provider-ctx";
import { seedUser } from "@/db/test/seed";
import { openPostgresTestDb } from "@/db/test/test-db";
import { startHostileIdp, type HostileIdp } from "@/e2e/fixtures/hostile-idp";
import { verifyAuditStream } from "@/lib/audit/verify-stream";
import { createSession, findLiveSession } from "@/lib/sessions/sessions";
import { createProvider } from "@/lib/identity-providers/create-provider";
import type { ProviderCtx } from "@/lib/identity-providers/context";
import { BACKCHANNEL_LOGOUT_EVENT } from "@/lib/oauth/logout-token";
import { backchannelLogoutResponse } from "./backchannel-endpoint";
import { backchannelRefusalKey, flushEndedRefusalWindows, REFUSED_AUDIT_PER_MINUTE } from "./refusal-audit";

// Anyone who knows a provider id (it is in the public Logon URL) can post garbage to its
// back-channel endpoint: every answer stays 400, but the audit trail takes at most
// REFUSED_AUDIT_PER_MINUTE rows per provider per minute and sums up the rest in one row.

let handle: DbHandle;
let second: DbHandle;
let idp: HostileIdp;
let ctx: ProviderCtx;

beforeAll(async () => {
  handle = await openPostgresTestDb();
  second = await openPostgresTestDb();
  idp = await startHostileIdp();
  ctx = providerCtx(handle.db, [`127.0.0.1:${new URL(idp.url).port}`]);
});
afterAll(async () => {
  await idp?.close();
  await second?.close();
  await handle?.close();
});

const newProvider = async () =>
  (
    await createProvider(ctx, {
      ...oidcProviderInput({
        clientId: idp.clientId,
        authorizationUri: `${idp.url}/auth`,
        tokenUri: idp.tokenUrl,
        jwt: { jwksUri: idp.jwksUri, issuer: idp.issuer },
      }),
      usedForUserAuthentication: true,
    })
  ).id;

const mint = (claims: Record<string, unknown> = {}) =>
  idp.mintIdToken({
    header: { typ: "logout+jwt" },
    claims: {
      events: { [BACKCHANNEL_LOGOUT_EVENT]: {} },
      jti: randomUUID(),
      sid: "sid-x",
      email: undefined,
      ...claims,
    },
  });

async function post(providerId: string, token: string, c: ProviderCtx = ctx) {
  const request = new Request(`http://localhost:3000/oauth/backchannel-logout/${providerId}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ logout_token: token }).toString(),
  });
  return (await backchannelLogoutResponse(c, request, providerId)).status;
}
const refuseMany = async (providerId: string, n: number, c: ProviderCtx = ctx) => {
  const token = await mint({ aud: "another-client" });
  return Promise.all(Array.from({ length: n }, () => post(providerId, token, c)));
};

const trailOf = (providerId: string) =>
  handle.db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.providerId, providerId),
        inArray(auditEvents.action, ["BackchannelLogoutRefused", "BackchannelLogoutRefusedMore", "BackchannelLogout"]),
      ),
    )
    .orderBy(asc(auditEvents.seq));
const count = async (providerId: string, action: string) =>
  (await trailOf(providerId)).filter((e) => e.action === action).length;
/** The provider's current minute as if it had begun two minutes ago. */
const endWindow = (providerId: string) =>
  handle.db
    .update(refusalAuditWindows)
    .set({ windowStart: sql`now() - interval '2 minutes'` })
    .where(eq(refusalAuditWindows.key, backchannelRefusalKey(providerId)));

describe("refused back-channel logouts in the audit trail", () => {
  it("a flood is answered 400 every time; the trail takes the cap, then one summary row at the next accepted logout", async () => {
    const providerId = await newProvider();
    const statuses = await refuseMany(providerId, REFUSED_AUDIT_PER_MINUTE + 12);
    expect(new Set(statuses)).toEqual(new Set([400]));
    expect(await count(providerId, "BackchannelLogoutRefused")).toBe(REFUSED_AUDIT_PER_MINUTE);
    expect(await count(providerId, "BackchannelLogoutRefusedMore")).toBe(0);

    const { user } = await seedUser(handle.db);
    const session = await createSession(handle.db, {
      userId: user.id,
      method: "oauth",
      providerId,
      ip: null,
      userAgent: null,
      identity: { subject: "sub-alice", sid: "sid-x", idToken: null, encryptionKey: ctx.config.encryptionKey },
    });
    expect(await post(providerId, await mint())).toBe(200);
    expect(await findLiveSession(handle.db, session)).toBeNull();

    const tail = (await trailOf(providerId)).slice(-2);
    expect(tail.map((e) => e.action)).toEqual(["BackchannelLogoutRefusedMore", "BackchannelLogout"]);
    expect(tail[0]!.data).toMatchObject({ count: 12, lastReason: expect.stringMatching(/audience/), lastIp: ctx.ip });
    expect(tail[0]!.description).toContain("… and 12 more refused");
    expect((await verifyAuditStream(handle.db, "org")).valid).toBe(true);

    // Still the same minute: the cap holds after the summary too, and the count starts again.
    expect(await refuseMany(providerId, 3)).toEqual([400, 400, 400]);
    expect(await count(providerId, "BackchannelLogoutRefused")).toBe(REFUSED_AUDIT_PER_MINUTE);
    const [w] = await handle.db
      .select()
      .from(refusalAuditWindows)
      .where(eq(refusalAuditWindows.key, backchannelRefusalKey(providerId)));
    expect(w).toMatchObject({ written: REFUSED_AUDIT_PER_MINUTE, suppressed: 3 });
  });

  it("when the minute is over, the next refusal writes the summary of the last one, then itself again", async () => {
    const providerId = await newProvider();
    await refuseMany(providerId, REFUSED_AUDIT_PER_MINUTE + 5);
    await endWindow(providerId);
    expect(await refuseMany(providerId, 1)).toEqual([400]);
    const tail = (await trailOf(providerId)).slice(-2);
    expect(tail.map((e) => e.action)).toEqual(["BackchannelLogoutRefusedMore", "BackchannelLogoutRefused"]);
    expect(tail[0]!.data).toMatchObject({ count: 5 });
    expect(await count(providerId, "BackchannelLogoutRefused")).toBe(REFUSED_AUDIT_PER_MINUTE + 1);
  });

  it("the janitor writes the summary of a window that ended in silence, once", async () => {
    const providerId = await newProvider();
    await refuseMany(providerId, REFUSED_AUDIT_PER_MINUTE + 7);
    expect(await flushEndedRefusalWindows(handle.db)).toBe(0);
    expect(await count(providerId, "BackchannelLogoutRefusedMore")).toBe(0);
    await endWindow(providerId);
    expect(await flushEndedRefusalWindows(handle.db)).toBeGreaterThanOrEqual(1);
    expect(await flushEndedRefusalWindows(handle.db)).toBe(0);
    const summaries = (await trailOf(providerId)).filter((e) => e.action === "BackchannelLogoutRefusedMore");
    expect(summaries.map((e) => e.data.count)).toEqual([7]);
  });

  it("two instances (two connection pools) flooding at once share one cap; nothing is lost from the count", async () => {
    const providerId = await newProvider();
    const other = { ...ctx, db: second.db };
    const statuses = (await Promise.all([refuseMany(providerId, 25), refuseMany(providerId, 25, other)])).flat();
    expect(statuses.filter((s) => s !== 400)).toEqual([]);
    expect(await count(providerId, "BackchannelLogoutRefused")).toBe(REFUSED_AUDIT_PER_MINUTE);
    await endWindow(providerId);
    await flushEndedRefusalWindows(second.db);
    const summaries = (await trailOf(providerId)).filter((e) => e.action === "BackchannelLogoutRefusedMore");
    expect(summaries.map((e) => e.data.count)).toEqual([50 - REFUSED_AUDIT_PER_MINUTE]);
  });

  it("an unknown provider id is refused without any audit row or window", async () => {
    const unknown = randomUUID();
    expect(await refuseMany(unknown, 3)).toEqual([400, 400, 400]);
    expect(await handle.db.select().from(auditEvents).where(eq(auditEvents.providerId, unknown))).toEqual([]);
    expect(
      await handle.db
        .select()
        .from(refusalAuditWindows)
        .where(eq(refusalAuditWindows.key, backchannelRefusalKey(unknown))),
    ).toEqual([]);
  });
});
