import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { appSessions, auditEvents, mailOutbox, oauthAssignments } from "@/db/schema";
import { providerCtx } from "@/db/test/provider-ctx";
import { seedUser } from "@/db/test/seed";
import { openPostgresTestDb } from "@/db/test/test-db";
import { signInAtProvider } from "@/e2e/fixtures/oidc-login";
import { startOidcProvider, type OidcFixture } from "@/e2e/fixtures/oidc-provider";
import { findLiveSession } from "@/lib/sessions/sessions";
import { handleCallback } from "@/lib/flows/handle-callback";
import { startFlow } from "@/lib/flows/start-flow";
import { createProvider } from "@/lib/identity-providers/create-provider";
import { loadDiscovery, wellKnownUrl } from "@/lib/identity-providers/discovery";
import type { BindingCtx } from "./context";
import { findInvitation } from "./find-invitation";
import { removeAssignment, resendInvitation } from "./change-assignment";
import { inviteUser } from "./invite-user";
import { received } from "@/db/test/mail";
import "@/lib/wiring/register-purposes";

let handle: DbHandle;
let idp: OidcFixture;
let providerId: string;
beforeAll(async () => {
  handle = await openPostgresTestDb();
  idp = await startOidcProvider();
  const { input, discovery } = await loadDiscovery(wellKnownUrl(idp.issuer), ctx().config.trustedHosts);
  providerId = (
    await createProvider(
      ctx(),
      {
        ...input,
        name: `Bind ${crypto.randomUUID()}`,
        clientId: "client-basic",
        clientSecret: idp.clients.basic.clientSecret,
        authorizationUri: input.authorizationUri!,
        tokenUri: input.tokenUri!,
        usedForUserAuthentication: true,
      },
      { discovery },
    )
  ).id;
});
afterAll(async () => {
  await idp.close();
  await handle.close();
});

const ctx = (): BindingCtx => ({
  ...providerCtx(handle.db, [`127.0.0.1:${idp?.port ?? 0}`]),
  config: {
    ...providerCtx(handle.db, [`127.0.0.1:${idp?.port ?? 0}`]).config,
    smtpUrl: undefined,
    mailFrom: "x@example.test",
  },
});
const PEOPLE = {
  alice: { username: "alice", password: "alice-password" },
  bob: { username: "bob", password: "bob-password" },
  carol: { username: "carol", password: "carol-password" },
};

/** The link the user received: read from the (local) outbox, as the person would from the mail. */
async function linkTokenFor(email: string): Promise<string> {
  const mails = await handle.db
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.toAddress, email))
    .orderBy(mailOutbox.createdAt);
  const link = /\/bind\/([A-Za-z0-9_-]{43})/.exec(received(mails.at(-1)!).text)?.[1];
  if (!link) throw new Error("no link in the mail");
  return link;
}

/** Opens the link, confirms, signs in at the IdP as `person`, and lands on the callback. */
async function bindVia(token: string, person: { username: string; password: string }) {
  const invitation = await findInvitation(handle.db, token);
  if (!invitation.ok) return `/bind/${invitation.reason}`;
  const flow = await startFlow(ctx(), {
    providerId: invitation.providerId,
    purpose: "binding",
    subjectRef: invitation.assignmentId,
  });
  const login = await signInAtProvider(flow.authorizationUrl, { credentials: person });
  if (login.kind !== "redirect") throw new Error("IdP did not redirect");
  return (
    await handleCallback(ctx(), {
      providerId: invitation.providerId,
      params: login.location.searchParams,
      browserToken: flow.browserToken,
    })
  ).redirectTo;
}

async function loginVia(person: { username: string; password: string }) {
  const flow = await startFlow(ctx(), { providerId, purpose: "login" });
  const login = await signInAtProvider(flow.authorizationUrl, { credentials: person });
  if (login.kind !== "redirect") throw new Error("IdP did not redirect");
  const callback = { providerId, params: login.location.searchParams, browserToken: flow.browserToken };
  return { ...(await handleCallback(ctx(), callback)), callback };
}

describe("account binding and login through a provider", () => {
  it("invite → mail with a 256-bit single-use link (stored hashed) → bind → login → remove → login refused", async () => {
    const { user, email } = await seedUser(handle.db, { password: null });
    const { assignmentId } = await inviteUser(ctx(), { userId: user.id, providerId });
    const token = await linkTokenFor(email);
    const [row] = await handle.db.select().from(oauthAssignments).where(eq(oauthAssignments.id, assignmentId));
    expect(JSON.stringify(row)).not.toContain(token);
    // A mail scanner's GET consumes nothing.
    expect((await findInvitation(handle.db, token)).ok).toBe(true);
    expect((await findInvitation(handle.db, token)).ok).toBe(true);

    expect(await bindVia(token, PEOPLE.alice)).toBe("/bind/result?status=bound");
    expect(
      (await handle.db.select().from(oauthAssignments).where(eq(oauthAssignments.id, assignmentId)))[0],
    ).toMatchObject({ state: "bound", subject: "sub-alice" });
    // The binding is the system's act (issue 16: it said "anonymous"); the data names whom it bound.
    const bound = (await handle.db.select().from(auditEvents).where(eq(auditEvents.action, "AssignmentBound"))).find(
      (e) => (e.data as { userId?: string }).userId === user.id,
    );
    expect(bound).toMatchObject({ actorLabel: "System", data: { email } });
    // Reopened after use, the link says so (and still starts nothing).
    expect(await findInvitation(handle.db, token)).toEqual({ ok: false, reason: "used" });

    // The callback itself signs in: Home, with a new session for the bound user.
    const login = await loginVia(PEOPLE.alice);
    expect(login.redirectTo).toBe("/");
    const session = login.signIn!;
    expect(session.userId).toBe(user.id);
    expect(await findLiveSession(handle.db, session.sessionId)).toMatchObject({ userId: user.id, email });
    // Once: the same answer again is refused and makes no session.
    expect(await handleCallback(ctx(), login.callback)).toEqual({ redirectTo: "/oauth/error?code=replayed" });
    expect(await handle.db.select().from(appSessions).where(eq(appSessions.userId, user.id))).toHaveLength(1);

    await removeAssignment(ctx(), assignmentId);
    expect(await findLiveSession(handle.db, session.sessionId)).toBeNull();
    const mails = await handle.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email));
    expect(mails.map((m) => m.template)).toEqual(["oauth_verification_request", "oauth_assignment_invalidation"]);
    expect((await loginVia(PEOPLE.alice)).redirectTo).toBe("/login?error=oauth_unknown");
  });

  it("a resent link kills the old one; an expired link is refused", async () => {
    const { user, email } = await seedUser(handle.db, { password: null });
    const { assignmentId } = await inviteUser(ctx(), { userId: user.id, providerId });
    const old = await linkTokenFor(email);
    await handle.db
      .update(oauthAssignments)
      .set({ lastSentAt: new Date(0) })
      .where(eq(oauthAssignments.id, assignmentId));
    await resendInvitation(ctx(), assignmentId);
    const fresh = await linkTokenFor(email);
    expect(fresh).not.toBe(old);
    expect(await findInvitation(handle.db, old)).toEqual({ ok: false, reason: "unknown" });
    await expect(resendInvitation(ctx(), assignmentId)).rejects.toMatchObject({ code: "rate_limited" });
    await handle.db
      .update(oauthAssignments)
      .set({ linkExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(oauthAssignments.id, assignmentId));
    expect(await findInvitation(handle.db, fresh)).toEqual({ ok: false, reason: "expired" });
  });

  it("two concurrent confirms of one link bind exactly once", async () => {
    const { user, email } = await seedUser(handle.db, { password: null });
    await inviteUser(ctx(), { userId: user.id, providerId });
    const token = await linkTokenFor(email);
    const results = await Promise.all([bindVia(token, PEOPLE.carol), bindVia(token, PEOPLE.carol)]);
    // The loser is refused at the callback (link_gone) or, when the winner finished first, already when it opens the link (used).
    expect(results.filter((r) => r === "/bind/result?status=bound")).toHaveLength(1);
    expect(results.filter((r) => r !== "/bind/result?status=bound")[0]).toMatch(
      /^\/bind\/(result\?status=link_gone|used)$/,
    );
    const bound = await handle.db
      .select()
      .from(oauthAssignments)
      .where(and(eq(oauthAssignments.userId, user.id), eq(oauthAssignments.state, "bound")));
    expect(bound).toHaveLength(1);
  });

  it("an identity bound to one user cannot be bound to another; the link stays usable", async () => {
    const first = await seedUser(handle.db, { password: null });
    await inviteUser(ctx(), { userId: first.user.id, providerId });
    expect(await bindVia(await linkTokenFor(first.email), PEOPLE.bob)).toBe("/bind/result?status=bound");
    const second = await seedUser(handle.db, { password: null });
    await inviteUser(ctx(), { userId: second.user.id, providerId });
    const token = await linkTokenFor(second.email);
    expect(await bindVia(token, PEOPLE.bob)).toBe("/bind/result?status=identity_taken");
    expect((await findInvitation(handle.db, token)).ok).toBe(true);
  });

  it("an unbound identity gets a refusal that names no account; a session from the provider ends with the assignment", async () => {
    // Other test files share this database: count this provider's sessions only.
    const sessionsOfProvider = async () =>
      (await handle.db.select().from(appSessions).where(eq(appSessions.providerId, providerId))).length;
    const before = await sessionsOfProvider();
    const outcome = await loginVia({ username: "mallory", password: "mallory-password" });
    expect(outcome.redirectTo).toBe("/login?error=oauth_unknown");
    expect(await sessionsOfProvider()).toBe(before);
  });
});
