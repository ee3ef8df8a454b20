import { and, eq, inArray, sql } from "drizzle-orm";
import { senderCtx } from "@/db/test/envelopes";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { openDatabase, type DbHandle } from "@/db/client";
import { auditEvents, mailOutbox, oauthTransactions, recipients } from "@/db/schema";
import { seedUser } from "@/db/test/seed";
import { openPostgresTestDb } from "@/db/test/test-db";
import { startHostileIdp, type HostileIdp } from "@/e2e/fixtures/hostile-idp";
import { startTcpSwitch, type TcpSwitch } from "@/e2e/fixtures/tcp-switch";
import { envelopeStream } from "@/lib/audit/events";
import { verifyAuditStream } from "@/lib/audit/verify-stream";
import { handleCallback } from "@/lib/flows/handle-callback";
import { startFlow } from "@/lib/flows/start-flow";
import { createProvider } from "@/lib/identity-providers/create-provider";
import { closePinnedAgents } from "@/lib/net/guarded-fetch";
import type { Sender } from "./context";
import { createEnvelope } from "./create-envelope";
import { findSigning } from "./find-signing";
import { samplePdf } from "./pdf";
import { ZSendEnvelopeRequest } from "./schema";
import { storeFile } from "./store-file";
import { received } from "@/db/test/mail";
import "@/lib/wiring/register-purposes";

// Issue 8, faults the signer meets, with the real peers: PostgreSQL cut in the middle of a run of
// signer callbacks (the app's database client reaches PostgreSQL through a TCP switch we cut:
// the shared server itself cannot be restarted), and the IdP slower than the callback's timeout.
// The callback route (app/oauth/callback/[providerId]/route.ts) sends a browser whose callback
// threw to the generic /oauth/error page; a refused authentication goes to /sign/resume?auth=failed,
// where the signer page says "We could not confirm your identity".

let direct: DbHandle;
let viaSwitch: DbHandle;
let pg: TcpSwitch;
let idp: HostileIdp;
let sender: Sender;
let fileId: string;
let providerId: string;
const providerName = `Faulty signer IdP ${crypto.randomUUID().slice(0, 8)}`;

// Everything the app does goes through the switch; `direct` only checks what was written.
const ctx = () => senderCtx(viaSwitch.db, sender, ["127.0.0.1"]);
const anonymous = () => senderCtx(viaSwitch.db, sender, ["127.0.0.1"], { kind: "anonymous" });

beforeAll(async () => {
  direct = await openPostgresTestDb();
  const url = new URL(inject("databaseUrl")!);
  pg = await startTcpSwitch(Number(url.port || 5432));
  url.hostname = "127.0.0.1";
  url.port = String(pg.port);
  viaSwitch = await openDatabase({ databaseUrl: url.toString(), maxConnections: 4 });
  idp = await startHostileIdp();
  const { user, email } = await seedUser(direct.db, { permissions: { send_envelopes: "ALLOW" } });
  sender = { userId: user.id, email, name: "Sam Sender" };
  fileId = (await storeFile(ctx(), { name: "contract.pdf", bytes: samplePdf("Faults") })).FileId;
  // No nonce: the hostile IdP answers one scenario to every concurrent flow.
  providerId = (
    await createProvider(ctx(), {
      name: providerName,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      authorizationUri: `${idp.url}/authorize`,
      tokenUri: idp.tokenUrl,
      jwt: { jwksUri: idp.jwksUri, issuer: idp.issuer, addNonce: false },
      usedForSignerAuthentication: true,
    })
  ).id;
});
afterAll(async () => {
  await pg?.close();
  await idp?.close();
  await closePinnedAgents();
  await viaSwitch?.close();
  await direct?.close();
});
beforeEach(async () => {
  await pg.up();
  idp.setScenario();
});

/** An envelope for one signer who must authenticate at the faulty provider; returns the recipient and the link token. */
async function envelopeForSigner() {
  const email = `signer.${crypto.randomUUID().slice(0, 8)}@example.test`;
  const body = ZSendEnvelopeRequest.parse({
    SspFileIds: [fileId],
    SendEnvelopeDescription: {
      Name: `Faults ${email}`,
      Steps: [
        {
          OrderIndex: 1,
          RecipientType: "Signer",
          Recipients: [
            {
              Email: email,
              FirstName: "Sig",
              LastName: "Ner",
              AuthenticationMethods: [{ Method: "CustomOAuthProvider", Parameter: providerName }],
            },
          ],
        },
      ],
    },
  });
  const { EnvelopeId } = await createEnvelope(ctx(), sender, body, "send");
  const [mail] = await direct.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email));
  const token = /\/sign\/([A-Za-z0-9_-]{43})/.exec(received(mail!).text)![1]!;
  const view = await findSigning(direct.db, token, null);
  if (!view.ok) throw new Error(view.reason);
  return { envelopeId: EnvelopeId, recipientId: view.recipient.id, token };
}

/** The signer picks the provider; the IdP "redirects back" with a code (its /authorize is not a login page). */
async function startSigner(recipientId: string) {
  const flow = await startFlow(anonymous(), { providerId, purpose: "signer", subjectRef: recipientId });
  const state = new URL(flow.authorizationUrl).searchParams.get("state")!;
  return { ...flow, params: new URLSearchParams({ state, code: `code-${crypto.randomUUID()}` }) };
}
const callback = (f: Awaited<ReturnType<typeof startSigner>>) =>
  handleCallback(anonymous(), { providerId, params: f.params, browserToken: f.browserToken });

const authActions = (envelopeIds: string[]) =>
  direct.db
    .select({ envelopeId: auditEvents.envelopeId, action: auditEvents.action, data: auditEvents.data })
    .from(auditEvents)
    .where(
      and(
        inArray(auditEvents.envelopeId, envelopeIds),
        inArray(auditEvents.action, ["AuthenticationSuccess", "AuthenticationFailed"]),
      ),
    );

describe("PostgreSQL cut in the middle of a run of signer callbacks", () => {
  it("the callbacks in flight and those arriving fail (the route shows the error page), none half-written; restored, the same client recovers", async () => {
    const signers = await Promise.all(Array.from({ length: 8 }, () => envelopeForSigner()));
    const flows = await Promise.all(signers.map((s) => startSigner(s.recipientId)));
    // Six callbacks are past their first write (the transaction is consumed) and waiting for the token endpoint when the database goes.
    idp.setScenario({ tokenDelayMs: 700 });
    const inFlight = flows.slice(0, 6).map((f) =>
      callback(f).then(
        (r) => ({ ok: true as const, r }),
        (e: unknown) => ({ ok: false as const, e }),
      ),
    );
    await expect
      .poll(
        async () =>
          direct.db.$count(
            oauthTransactions,
            and(
              inArray(
                oauthTransactions.id,
                flows.slice(0, 6).map((f) => f.transactionId),
              ),
              sql`${oauthTransactions.usedAt} is not null`,
            ),
          ),
        { timeout: 5000, interval: 25 },
      )
      .toBe(6);
    await pg.down();
    // Two people come back from the IdP while it is down.
    const arriving = await Promise.allSettled(flows.slice(6).map((f) => callback(f)));
    const settled = await Promise.all(inFlight);
    expect(settled.map((s) => s.ok)).toEqual([false, false, false, false, false, false]);
    expect(arriving.map((a) => a.status)).toEqual(["rejected", "rejected"]);
    for (const s of settled) if (!s.ok) expect(String(s.e)).not.toMatch(/code-|hostile-access-token|eyJ/);

    // Nothing half-written: no recipient authenticated, no authentication row in any trail (the
    // completion's transaction rolled back); the six consumed transactions stay used (their
    // callback URLs cannot be replayed), the two that never reached the database are untouched.
    const signerRows = () =>
      direct.db
        .select()
        .from(recipients)
        .where(
          inArray(
            recipients.id,
            signers.map((s) => s.recipientId),
          ),
        );
    const rows = await signerRows();
    expect(rows.map((r) => [r.status, r.authenticatedAt, r.authSubject, r.lastAuthError])).toEqual(
      signers.map(() => ["invited", null, null, null]),
    );
    expect(await authActions(signers.map((s) => s.envelopeId))).toEqual([]);
    const tx = await direct.db
      .select()
      .from(oauthTransactions)
      .where(
        inArray(
          oauthTransactions.id,
          flows.map((f) => f.transactionId),
        ),
      );
    const used = new Map(tx.map((t) => [t.id, t.usedAt !== null && t.result === null]));
    expect(flows.map((f) => used.get(f.transactionId))).toEqual([true, true, true, true, true, true, false, false]);
    for (const s of signers)
      expect(await verifyAuditStream(direct.db, envelopeStream(s.envelopeId))).toMatchObject({ valid: true });

    // PostgreSQL back: the same pool (no restart) serves the next requests.
    await pg.up();
    idp.setScenario();
    // A consumed callback replayed (the browser's reload) is refused as used; the untouched ones complete on reload.
    expect(await callback(flows[0]!)).toEqual({ redirectTo: "/oauth/error?code=replayed" });
    const reloaded = await Promise.all(flows.slice(6).map(callback));
    expect(reloaded).toEqual([{ redirectTo: "/sign/resume?auth=ok" }, { redirectTo: "/sign/resume?auth=ok" }]);
    // The six whose attempt died try again from the signing page, and get through.
    for (const s of signers.slice(0, 6))
      expect(await callback(await startSigner(s.recipientId))).toEqual({ redirectTo: "/sign/resume?auth=ok" });
    const after = await signerRows();
    expect(after.every((r) => r.authenticatedAt !== null && r.authSubject === "sub-alice")).toBe(true);
    const events = await authActions(signers.map((s) => s.envelopeId));
    expect(events.map((e) => e.action)).toEqual(signers.map(() => "AuthenticationSuccess"));
    for (const s of signers)
      expect(await verifyAuditStream(direct.db, envelopeStream(s.envelopeId))).toMatchObject({ valid: true });
  }, 30_000);
});

describe("IdP slower than the timeout through the callback", () => {
  it("the signer is sent to the failed page after the 10 s timeout, not later; the trail names the token step; the next try passes", async () => {
    const signer = await envelopeForSigner();
    idp.setScenario({ tokenDelayMs: 14_000 });
    const started = Date.now();
    const refusedFlow = await startSigner(signer.recipientId);
    expect(await callback(refusedFlow)).toEqual({ redirectTo: "/sign/resume?auth=failed" });
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(9_900);
    expect(took).toBeLessThan(13_000);

    const [failed, ...more] = await authActions([signer.envelopeId]);
    expect(more).toEqual([]);
    expect(failed).toMatchObject({ action: "AuthenticationFailed", data: { providerName, step: "token" } });
    expect((failed!.data as { reason: string }).reason).toMatch(/did not answer within 10000 ms/);
    expect(JSON.stringify(failed)).not.toContain(idp.clientSecret);
    // The signing page: still to authenticate, with the plain message and nothing technical.
    const view = await findSigning(direct.db, signer.token, null);
    expect(view.ok && [view.recipient.status, view.recipient.lastAuthError?.startsWith("token: ")]).toEqual([
      "invited",
      true,
    ]);
    // The refusal is told to the browser that was refused, and to no other holder of the link; the
    // token step failed before anyone was known, so no identity is named (in the trail neither).
    expect(view.ok && view.refusal).toBeNull();
    const refused = await findSigning(direct.db, signer.token, refusedFlow.browserToken);
    expect(refused.ok && refused.refusal).toEqual({ providerId, presented: null });
    expect(failed!.data).not.toHaveProperty("presented");

    idp.setScenario();
    expect(await callback(await startSigner(signer.recipientId))).toEqual({ redirectTo: "/sign/resume?auth=ok" });
    const through = await findSigning(direct.db, signer.token, refusedFlow.browserToken);
    expect(through.ok && [through.recipient.lastRefusal, through.refusal]).toEqual([null, null]);
  }, 30_000);
});
