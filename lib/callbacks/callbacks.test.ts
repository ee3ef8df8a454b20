import { createHmac, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { callbackAttempts, callbackDeliveries, envelopes } from "@/db/schema";
import { withEnvelopeWorld, type EnvelopeWorld } from "@/db/test/envelopes";
import { providerCtx, testEncryptionKeys } from "@/db/test/provider-ctx";
import { startCallbackReceiver, type CallbackReceiver } from "@/e2e/fixtures/callback-receiver";
import { verifyAccessCode } from "@/lib/envelopes/code-authentication";
import { cancelEnvelope, rejectEnvelope, ZReasonRequest } from "@/lib/envelopes/end-envelope";
import { expireIfDue } from "@/lib/envelopes/expiry";
import { findSigning } from "@/lib/envelopes/find-signing";
import { ZSendEnvelopeRequest } from "@/lib/envelopes/schema";
import { acceptAgreement, finishWorkstep, signField } from "@/lib/envelopes/sign-workstep";
import { backoffSeconds, deliverDueCallbacks } from "./deliver";
import { callbackSecret, rotateCallbackSecret } from "./secret";
import type { CallbackBody } from "./enqueue";
import { verifySignature } from "./signature";

// Issue 17 "Status callbacks": queued with the change, delivered to a real HTTP receiver on
// 127.0.0.1 (trusted the way the IdP fixture is: TRUSTED_HOSTS with its port), retried with
// backoff by moving the injected clock, signed as README documents, audited without secrets.

let handle: DbHandle;
let w: EnvelopeWorld;
let receiver: CallbackReceiver;
withEnvelopeWorld((opened, world) => ((handle = opened), (w = world)));
beforeAll(async () => {
  receiver = await startCallbackReceiver();
});
afterAll(async () => {
  await receiver?.close();
});

const config = () => ({ encryptionKeys: testEncryptionKeys, trustedHosts: [`127.0.0.1:${receiver.port}`] });
const at = (secondsFromNow: number) => new Date(Date.now() + secondsFromNow * 1000);
const owner = () => ({ userId: w.sender.userId, seeAll: false });

/** README's verification, written as an integrator would (not the app's own helper). */
function integratorVerifies(secret: string, header: string, body: string): boolean {
  const { t, v1 } = Object.fromEntries(header.split(",").map((kv) => kv.split("="))) as { t: string; v1: string };
  const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
  return (
    Math.abs(Date.now() / 1000 - Number(t)) < 300 &&
    timingSafeEqual(Buffer.from(v1, "hex"), Buffer.from(expected, "hex"))
  );
}

async function signThrough(token: string) {
  const view = await findSigning(handle.db, token, null);
  if (!view.ok) throw new Error(view.reason);
  await acceptAgreement(w.signerCtx(), { token, browserToken: null });
  for (const f of view.fields) await signField(w.signerCtx(), { token, browserToken: null, fieldId: f.id });
  await finishWorkstep(w.signerCtx(), { token, browserToken: null });
}

describe("status callbacks", () => {
  it("a receiver that fails twice then answers 200: 3 attempts, one delivery, signature verifies, audited without secrets", async () => {
    const name = `Callback ${crypto.randomUUID()}`;
    const hook = receiver.url("/hooks/status?token=integrator-query-secret");
    const id = await w.create(w.body(name, [{ email: "cal@example.test" }], { StatusUpdateCallbackUrl: hook }));
    const [queued] = await handle.db.select().from(callbackDeliveries).where(eq(callbackDeliveries.envelopeId, id));
    expect(queued).toMatchObject({ event: "sent", status: "queued", attempts: 0 });

    receiver.failNext(2);
    const before = receiver.calls.length;
    expect(await deliverDueCallbacks(handle.db, config(), { now: at(1) })).toEqual({ delivered: 0, failed: 1 });
    // Not due again until the backoff has passed.
    expect(await deliverDueCallbacks(handle.db, config(), { now: at(2) })).toEqual({ delivered: 0, failed: 0 });
    expect(await deliverDueCallbacks(handle.db, config(), { now: at(2 + backoffSeconds(1)) })).toEqual({
      delivered: 0,
      failed: 1,
    });
    const third = at(3 + backoffSeconds(1) + backoffSeconds(2));
    expect(await deliverDueCallbacks(handle.db, config(), { now: third })).toEqual({ delivered: 1, failed: 0 });
    expect(await deliverDueCallbacks(handle.db, config(), { now: at(99_999) })).toEqual({ delivered: 0, failed: 0 });

    const calls = receiver.calls.slice(before);
    expect(calls.map((c) => c.answered)).toEqual([500, 500, 200]);
    // The same body (and delivery Id) on every attempt.
    expect(new Set(calls.map((c) => c.body)).size).toBe(1);
    const body = JSON.parse(calls[2]!.body) as Record<string, unknown>;
    expect(body).toMatchObject({ Id: queued!.id, EnvelopeId: id, Status: "sent" });
    expect(new Date(body.Time as string).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(calls[2]!.path).toBe("/hooks/status?token=integrator-query-secret");
    expect(calls[2]!.headers["content-type"]).toBe("application/json");
    const secret = await callbackSecret(handle.db, testEncryptionKeys);
    const header = calls[2]!.headers["x-signerauth-signature"]!;
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(integratorVerifies(secret, header, calls[2]!.body)).toBe(true);
    expect(verifySignature(secret, header, calls[2]!.body)).toBe(true);
    expect(verifySignature(secret, header, calls[2]!.body.replace("sent", "completed"))).toBe(false);
    expect(verifySignature("whsec_other", header, calls[2]!.body)).toBe(false);

    const attempts = await handle.db
      .select()
      .from(callbackAttempts)
      .where(eq(callbackAttempts.deliveryId, queued!.id))
      .orderBy(callbackAttempts.attempt);
    expect(attempts.map((a) => [a.attempt, a.httpStatus])).toEqual([
      [1, 500],
      [2, 500],
      [3, 200],
    ]);
    const [done] = await handle.db.select().from(callbackDeliveries).where(eq(callbackDeliveries.id, queued!.id));
    expect(done).toMatchObject({ status: "delivered", attempts: 3 });

    const trail = (await w.trail(id)).filter((e) => e.action.startsWith("Callback"));
    expect(trail.map((e) => [e.action, (e.data as { attempt: number }).attempt])).toEqual([
      ["CallbackFailed", 1],
      ["CallbackFailed", 2],
      ["CallbackDelivered", 3],
    ]);
    expect(trail[2]!.data).toMatchObject({ url: receiver.url("/hooks/status"), status: "sent", httpStatus: 200 });
    const text = JSON.stringify(await w.trail(id));
    for (const hidden of [secret, header, "integrator-query-secret"]) expect(text).not.toContain(hidden);
  });

  it("each status change calls StatusUpdateCallbackUrl; completion also calls CallbackUrl; two workers never post one twice", async () => {
    const name = `Life ${crypto.randomUUID()}`;
    const id = await w.create(
      w.body(name, [{ email: "one@example.test" }], {
        StatusUpdateCallbackUrl: receiver.url("/status"),
        CallbackUrl: receiver.url("/done"),
      }),
    );
    await signThrough(await w.linkFor("one@example.test", name));
    const other = await w.create(
      w.body(`Canceled ${name}`, [{ email: "two@example.test" }], {
        StatusUpdateCallbackUrl: receiver.url("/status"),
      }),
    );
    await cancelEnvelope(w.ctx(), owner(), other, ZReasonRequest.parse({ Reason: "Changed my mind" }));

    const before = receiver.calls.length;
    const runs = await Promise.all([
      deliverDueCallbacks(handle.db, config(), { now: at(1), limit: 2 }),
      deliverDueCallbacks(handle.db, config(), { now: at(1), limit: 2 }),
      deliverDueCallbacks(handle.db, config(), { now: at(1), limit: 2 }),
    ]);
    while ((await deliverDueCallbacks(handle.db, config(), { now: at(1) })).delivered > 0);
    const calls = receiver.calls.slice(before).map((c) => ({ path: c.path, ...(JSON.parse(c.body) as CallbackBody) }));
    expect(runs.reduce((n, r) => n + r.delivered, 0)).toBeGreaterThan(0);
    const ids = calls.map((c) => c.Id);
    expect(new Set(ids).size).toBe(ids.length);
    const of = (envelopeId: string, path: string) =>
      calls.filter((c) => c.EnvelopeId === envelopeId && c.path === path).map((c) => c.Status);
    expect(of(id, "/status").sort()).toEqual(["completed", "recipient_finished", "sent"]);
    expect(of(id, "/done")).toEqual(["completed"]);
    expect(of(other, "/status").sort()).toEqual(["canceled", "sent"]);
    const finished = calls.find((c) => c.EnvelopeId === id && c.Status === "recipient_finished")!;
    expect(finished.Recipient).toMatchObject({ Email: "one@example.test" });
  });

  it("authenticated, rejected and expired are called too, with the recipient where one is concerned", async () => {
    const name = `More ${crypto.randomUUID()}`;
    const hook = { StatusUpdateCallbackUrl: receiver.url("/more") };
    const code = [{ Method: "AccessCode", Parameter: "cedar-1234" }];
    const rejected = await w.create(w.body(name, [{ email: "rej.callbacks@example.test", methods: code }], hook));
    const token = await w.linkFor("rej.callbacks@example.test", name);
    const browser = "d".repeat(43);
    await verifyAccessCode(w.signerCtx(), { token, code: "cedar-1234", browserToken: browser });
    await rejectEnvelope(w.signerCtx(), { token, browserToken: browser, reason: "No" });
    const expired = await w.create(w.body(`Exp ${name}`, [{ email: "exp.callbacks@example.test" }], hook));
    await handle.db
      .update(envelopes)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(envelopes.id, expired));
    expect(await expireIfDue(w.signerCtx(), expired)).toBe(true);

    const before = receiver.calls.length;
    while ((await deliverDueCallbacks(handle.db, config(), { now: at(1) })).delivered > 0);
    const calls = receiver.calls.slice(before).map((c) => JSON.parse(c.body) as CallbackBody);
    const of = (id: string) => calls.filter((c) => c.EnvelopeId === id);
    expect(
      of(rejected)
        .map((c) => c.Status)
        .sort(),
    ).toEqual(["recipient_authenticated", "rejected", "sent"]);
    expect(of(rejected).find((c) => c.Status === "rejected")!.Recipient).toMatchObject({
      Email: "rej.callbacks@example.test",
    });
    expect(
      of(expired)
        .map((c) => c.Status)
        .sort(),
    ).toEqual(["expired", "sent"]);
  });

  it("a URL to an address the guard refuses is not called: failed at once, audited with the guard's reason", async () => {
    const name = `Guard ${crypto.randomUUID()}`;
    // Loopback, but not the trusted port: the guard refuses it before any connection.
    const id = await w.create(
      w.body(name, [{ email: "g@example.test" }], { StatusUpdateCallbackUrl: "https://127.0.0.1:9/x" }),
    );
    const before = receiver.calls.length;
    await deliverDueCallbacks(handle.db, config(), { now: at(1) });
    const [row] = await handle.db.select().from(callbackDeliveries).where(eq(callbackDeliveries.envelopeId, id));
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row!.lastError).toMatch(/127\.0\.0\.1.*(not allowed|private|loopback|internal)/i);
    const failed = (await w.trail(id)).find((e) => e.action === "CallbackFailed");
    expect(failed?.data).toMatchObject({ final: true, url: "https://127.0.0.1:9/x" });
    expect(receiver.calls.length).toBe(before);
  });

  it("a URL that is not http(s) is a 400 naming its path; rotation changes the secret", async () => {
    const bad = ZSendEnvelopeRequest.safeParse(
      w.body("Bad", [{ email: "b@example.test" }], {
        StatusUpdateCallbackUrl: "ftp://example.test/x",
        CallbackUrl: "no",
      }),
    );
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join("."))).toEqual([
      "SendEnvelopeDescription.StatusUpdateCallbackUrl",
      "SendEnvelopeDescription.CallbackUrl",
    ]);
    const old = await callbackSecret(handle.db, testEncryptionKeys);
    await rotateCallbackSecret(providerCtx(handle.db), testEncryptionKeys[0]!);
    const fresh = await callbackSecret(handle.db, testEncryptionKeys);
    expect(fresh).not.toBe(old);
    expect(fresh).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  });
});
