import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { seedSender, senderCtx, signingLinkFor } from "@/db/test/envelopes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { auditEvents, envelopes, recipients } from "@/db/schema";
import { openPostgresTestDb } from "@/db/test/test-db";
import { signInAtProvider } from "@/e2e/fixtures/oidc-login";
import { startOidcProvider, type OidcFixture } from "@/e2e/fixtures/oidc-provider";
import { handleCallback } from "@/lib/flows/handle-callback";
import { startFlow } from "@/lib/flows/start-flow";
import { createProvider } from "@/lib/identity-providers/create-provider";
import { loadDiscovery, wellKnownUrl } from "@/lib/identity-providers/discovery";
import { verifyAccessCode } from "./code-authentication";
import type { Sender } from "./context";
import { createEnvelope } from "./create-envelope";
import { findSigning } from "./find-signing";
import { ZSendEnvelopeRequest } from "./schema";
import { acceptAgreement, finishWorkstep, signField } from "./sign-workstep";
import "@/lib/wiring/register-purposes";

// Issue 9 item 4: once a signer has finished, the authenticated state they had for that envelope
// is gone: neither the browser that authenticated nor another one can act on the link again, and
// authenticating anew (at the provider, or with the access code) does not bring it back.
// (Envelope expiry is the envelope work's; it is not covered here.)

let handle: DbHandle;
let idp: OidcFixture;
let sender: Sender;
let providerId: string;
let fileId: string;
const ACCESS_CODE = "open-sesame-42";

const ctx = () => senderCtx(handle.db, sender, [`127.0.0.1:${idp.port}`]);
const anonymous = () => senderCtx(handle.db, sender, [`127.0.0.1:${idp.port}`], { kind: "anonymous" });

beforeAll(async () => {
  handle = await openPostgresTestDb();
  idp = await startOidcProvider();
  ({ sender, fileId } = await seedSender(handle.db));
  const { input, discovery } = await loadDiscovery(wellKnownUrl(idp.issuer), ctx().config.trustedHosts);
  providerId = (
    await createProvider(
      ctx(),
      {
        ...input,
        name: `Finished IdP ${crypto.randomUUID()}`,
        clientId: "client-basic",
        clientSecret: idp.clients.basic.clientSecret,
        scope: "openid email",
        authorizationUri: input.authorizationUri!,
        tokenUri: input.tokenUri!,
        jwt: { ...input.jwt!, mappings: [{ path: "email", mode: "validate", field: "email", respectCase: false }] },
        usedForSignerAuthentication: true,
      },
      { discovery },
    )
  ).id;
});
afterAll(async () => {
  await idp?.close();
  await handle?.close();
});

const linkFor = (email: string, envelopeName: string) => signingLinkFor(handle.db, email, envelopeName);

/** The signer picks the provider in a browser and signs in at the IdP as Alice; the callback lands. */
async function authenticateAtProvider(token: string, recipientId: string) {
  const flow = await startFlow(ctx(), { providerId, purpose: "signer", subjectRef: recipientId });
  const login = await signInAtProvider(flow.authorizationUrl, {
    credentials: { username: "alice", password: "alice-password" },
  });
  if (login.kind !== "redirect") throw new Error("IdP did not redirect");
  const { redirectTo } = await handleCallback(anonymous(), {
    providerId,
    params: login.location.searchParams,
    browserToken: flow.browserToken,
  });
  return { redirectTo, browserToken: flow.browserToken, token };
}

describe("a finished signer's authenticated state", () => {
  it("cannot be reused: not by the browser that authenticated, not by another, not by authenticating again", async () => {
    const name = `Finished ${crypto.randomUUID()}`;
    // Bob signs after Alice, so the envelope stays open: what refuses below is Alice's own state.
    const body = ZSendEnvelopeRequest.parse({
      SspFileIds: [fileId],
      SendEnvelopeDescription: {
        Name: name,
        Steps: [
          {
            OrderIndex: 1,
            RecipientType: "Signer",
            Recipients: [
              {
                Email: "alice@example.com",
                FirstName: "Alice",
                LastName: "A",
                AuthenticationMethods: [
                  { Method: "CustomOAuthProvider", ProviderId: providerId },
                  { Method: "AccessCode", Parameter: ACCESS_CODE },
                ],
              },
            ],
          },
          {
            OrderIndex: 2,
            RecipientType: "Signer",
            Recipients: [{ Email: "bob@example.com", FirstName: "Bob", LastName: "B" }],
          },
        ],
      },
    });
    const envelopeId = (await createEnvelope(ctx(), sender, body, "send")).EnvelopeId;
    const token = await linkFor("alice@example.com", name);
    const before = await findSigning(handle.db, token, null);
    if (!before.ok) throw new Error(before.reason);
    const recipientId = before.recipient.id;

    const first = await authenticateAtProvider(token, recipientId);
    expect(first.redirectTo).toBe("/sign/resume?auth=ok");
    const browserA = first.browserToken;
    const browserB = randomBytes(32).toString("base64url");
    const view = await findSigning(handle.db, token, browserA);
    if (!view.ok) throw new Error(view.reason);
    expect([
      view.authenticated,
      (await findSigning(handle.db, token, browserB)).ok && (await findSigning(handle.db, token, browserB)),
    ]).toEqual([true, expect.objectContaining({ authenticated: false })]);

    await acceptAgreement(ctx(), { token, browserToken: browserA });
    await signField(ctx(), { token, browserToken: browserA, fieldId: view.fields[0]!.id });
    expect(await finishWorkstep(ctx(), { token, browserToken: browserA })).toEqual({ completed: false });

    // Finished: the binding to browser A is dropped in the database, and the envelope is still open.
    const [alice] = await handle.db.select().from(recipients).where(eq(recipients.id, recipientId));
    expect(alice).toMatchObject({ status: "signed", authBrowserHash: null });
    expect(
      (await handle.db.select({ status: envelopes.status }).from(envelopes).where(eq(envelopes.id, envelopeId)))[0]!
        .status,
    ).toBe("sent");

    for (const browserToken of [browserA, browserB, null]) {
      const after = await findSigning(handle.db, token, browserToken);
      expect(after.ok && { authenticated: after.authenticated, status: after.recipient.status }).toEqual({
        authenticated: false,
        status: "signed",
      });
      await expect(acceptAgreement(ctx(), { token, browserToken })).rejects.toMatchObject({ code: "conflict" });
      await expect(signField(ctx(), { token, browserToken, fieldId: view.fields[0]!.id })).rejects.toMatchObject({
        code: "conflict",
      });
      await expect(finishWorkstep(ctx(), { token, browserToken })).rejects.toMatchObject({ code: "conflict" });
    }

    // Authenticating anew from browser B, at the provider or with the right access code, is refused.
    const again = await authenticateAtProvider(token, recipientId);
    expect(again.redirectTo).toBe("/sign/resume?auth=gone");
    await expect(verifyAccessCode(ctx(), { token, code: ACCESS_CODE, browserToken: browserB })).rejects.toMatchObject({
      code: "conflict",
    });
    const [still] = await handle.db.select().from(recipients).where(eq(recipients.id, recipientId));
    expect(still).toMatchObject({ status: "signed", authBrowserHash: null });
    expect(
      (await findSigning(handle.db, token, again.browserToken)).ok &&
        (await findSigning(handle.db, token, again.browserToken)),
    ).toMatchObject({ authenticated: false });

    // The trail holds one authentication and one finish for Alice: nothing after it succeeded.
    const actions = (
      await handle.db
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(eq(auditEvents.envelopeId, envelopeId))
    ).map((e) => e.action);
    expect(actions.filter((a) => a === "AuthenticationSuccess" || a === "CodeAuthenticationSuccess")).toEqual([
      "AuthenticationSuccess",
    ]);
    expect(actions.filter((a) => a === "WorkstepFinished")).toEqual(["WorkstepFinished"]);
  });
});
