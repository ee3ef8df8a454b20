import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { envelopes, recipients } from "@/db/schema";
import { browserToken, withEnvelopeWorld, type EnvelopeWorld } from "@/db/test/envelopes";
import { testEncryptionKeys } from "@/db/test/provider-ctx";
import { startSmtpSink, type SmtpSinkFixture } from "@/e2e/fixtures/smtp-sink";
import { toErrorResponse } from "@/lib/errors";
import { deliverDueMail } from "@/lib/mail/outbox";
import { verifyAccessCode } from "./code-authentication";
import type { EnvelopeCtx } from "./context";
import { cancelEnvelope, deleteDraft, rejectEnvelope, ZReasonRequest } from "./end-envelope";
import { findSigning } from "./find-signing";
import { getEnvelope } from "./get-envelope";
import { extendEnvelope, resendInvitation } from "./sender-actions";
import { acceptAgreement } from "./sign-workstep";

// Issue 17 "Cancel, reject, delete": the REST bodies parsed as the routes parse them, the mails
// delivered to the real SMTP sink, the signing links read as the signer's page reads them.

let handle: DbHandle;
let w: EnvelopeWorld;
let sink: SmtpSinkFixture;
withEnvelopeWorld((opened, world) => ((handle = opened), (w = world)));
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink?.close();
});

const owner = () => ({ userId: w.sender.userId, seeAll: false });
/** The sender's ctx with mail going out through the sink. */
const smtp = (actor?: EnvelopeCtx["actor"]): EnvelopeCtx => {
  const base = w.ctx(actor);
  return { ...base, config: { ...base.config, smtpUrl: sink.url } };
};
const deliver = async () => {
  const config = {
    smtpUrl: sink.url,
    mailFrom: "x@example.test",
    encryptionKey: testEncryptionKeys[0]!,
    encryptionKeys: testEncryptionKeys,
  };
  for (let i = 0; i < 10 && (await deliverDueMail(handle.db, config)).sent > 0; i++);
};
const reason = (Reason: string) => ZReasonRequest.parse({ Reason });
const statusOf = async (id: string) => (await getEnvelope(handle.db, id, owner())).Status;

describe("cancel", () => {
  it("a sent envelope: links stop working, the signer whose turn it was is told by mail, audited with the reason", async () => {
    const name = `Cancel ${crypto.randomUUID()}`;
    const id = await w.create(w.body(name, [{ email: "now@example.test" }, { email: "later@example.test" }]));
    const token = await w.linkFor("now@example.test", name);

    expect(await cancelEnvelope(smtp(), owner(), id, reason("  Wrong contract version "))).toEqual({
      EnvelopeId: id,
      Status: "canceled",
    });
    expect(await statusOf(id)).toBe("canceled");
    expect(await findSigning(handle.db, token, null)).toMatchObject({
      ok: false,
      reason: "canceled",
      endReason: "Wrong contract version",
    });
    await expect(acceptAgreement(w.signerCtx(), { token, browserToken: null })).rejects.toMatchObject({
      code: "conflict",
    });

    await deliver();
    const mail = await sink.waitForMail((m) => m.to.includes("now@example.test") && m.subject === `Canceled: ${name}`);
    expect(mail.text).toContain("Reason: Wrong contract version");
    // The later step's signer never had a link: nobody tells them of an envelope they never saw.
    expect(sink.messages.some((m) => m.to.includes("later@example.test") && m.subject.includes(name))).toBe(false);

    const events = (await w.trail(id)).filter((e) => e.action === "EnvelopeCanceled");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorLabel: w.sender.email,
      data: { reason: "Wrong contract version", notified: 1 },
    });
    expect(JSON.stringify(await w.trail(id))).not.toContain(token);

    // Nothing more to do on a canceled envelope.
    await expect(cancelEnvelope(smtp(), owner(), id, reason("again"))).rejects.toMatchObject({ code: "conflict" });
    const rita = (await getEnvelope(handle.db, id, owner())).Steps[0]!.Recipients[0]!;
    await expect(resendInvitation(w.ctx(), owner(), id, rita.RecipientId)).rejects.toMatchObject({ code: "conflict" });
    await expect(
      extendEnvelope(w.ctx(), owner(), id, { ExpiresAt: new Date(Date.now() + 86_400_000).toISOString() }),
    ).rejects.toMatchObject({ code: "conflict" });
  });

  it("refused: an empty reason (400 naming $.Reason), a draft (409), someone else's envelope (404)", async () => {
    const bad = ZReasonRequest.safeParse({ Reason: "   " });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ["Reason"], message: "Give a reason" });
    expect(ZReasonRequest.safeParse({ Reason: "x", Other: 1 }).success).toBe(false);

    const draft = await w.create(w.body(`Draft ${crypto.randomUUID()}`, [{ email: "d@example.test" }]), "draft");
    const err = await cancelEnvelope(smtp(), owner(), draft, reason("no")).catch((e: unknown) => e);
    expect(toErrorResponse(err).status).toBe(409);

    const sent = await w.create(w.body(`Other ${crypto.randomUUID()}`, [{ email: "o@example.test" }]));
    const stranger = { userId: crypto.randomUUID(), seeAll: false };
    await expect(cancelEnvelope(smtp(), stranger, sent, reason("mine now"))).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await statusOf(sent)).toBe("sent");
  });
});

describe("reject", () => {
  it("after authenticating, with a reason: status rejected, the sender told by mail, audited; the link then shows the rejection", async () => {
    const name = `Reject ${crypto.randomUUID()}`;
    const id = await w.create(
      w.body(name, [
        {
          email: "rex@example.test",
          first: "Rex",
          last: "Roe",
          methods: [{ Method: "AccessCode", Parameter: "tulip-77" }],
        },
      ]),
    );
    const token = await w.linkFor("rex@example.test", name);
    const browser = browserToken();
    const signer = () => smtp({ kind: "anonymous" });

    // Not authenticated yet: refused, nothing changes.
    await expect(rejectEnvelope(signer(), { token, browserToken: browser, reason: "no" })).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(await statusOf(id)).toBe("sent");
    await expect(rejectEnvelope(signer(), { token, browserToken: browser, reason: " " })).rejects.toMatchObject({
      code: "validation_failed",
      details: [{ path: "$.Reason", message: "Give a reason" }],
    });

    expect(await verifyAccessCode(signer(), { token, code: "tulip-77", browserToken: browser })).toEqual({ ok: true });
    await rejectEnvelope(signer(), { token, browserToken: browser, reason: "The amount is wrong" });

    expect(await statusOf(id)).toBe("rejected");
    const [rex] = await handle.db.select().from(recipients).where(eq(recipients.envelopeId, id));
    expect(rex).toMatchObject({ status: "rejected", authBrowserHash: null });
    expect(rex!.rejectedAt).toBeInstanceOf(Date);
    expect(await findSigning(handle.db, token, browser)).toMatchObject({
      ok: false,
      reason: "rejected",
      byYou: true,
      endReason: "The amount is wrong",
    });

    await deliver();
    const mail = await sink.waitForMail((m) => m.to.includes(w.sender.email) && m.subject === `Rejected: ${name}`);
    expect(mail.text).toContain("Rex Roe rejected");
    expect(mail.text).toContain("Reason: The amount is wrong");
    expect(mail.text).toContain(`/documents/${id}`);

    const events = (await w.trail(id)).filter((e) => e.action === "EnvelopeRejected");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorLabel: "Rex Roe",
      data: { reason: "The amount is wrong" },
    });

    // Once rejected: no second rejection, and the sender cannot cancel it either.
    await expect(rejectEnvelope(signer(), { token, browserToken: browser, reason: "again" })).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(cancelEnvelope(smtp(), owner(), id, reason("late"))).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("delete", () => {
  it("a draft is deleted (its uploads stay); a sent envelope never is (409) and its trail stays", async () => {
    const draft = await w.create(w.body(`Del ${crypto.randomUUID()}`, [{ email: "x@example.test" }]), "draft");
    await expect(deleteDraft(w.ctx(), { userId: crypto.randomUUID(), seeAll: false }, draft)).rejects.toMatchObject({
      code: "not_found",
    });
    await deleteDraft(w.ctx(), owner(), draft);
    expect(await handle.db.select().from(envelopes).where(eq(envelopes.id, draft))).toEqual([]);
    await expect(getEnvelope(handle.db, draft, owner())).rejects.toMatchObject({ code: "not_found" });
    // The upload is still the sender's: a new envelope can use it.
    await w.create(w.body(`Reuse ${crypto.randomUUID()}`, [{ email: "x@example.test" }]), "draft");

    const sent = await w.create(w.body(`Kept ${crypto.randomUUID()}`, [{ email: "y@example.test" }]));
    const before = (await w.trail(sent)).length;
    const err = await deleteDraft(w.ctx(), owner(), sent).catch((e: unknown) => e);
    expect(toErrorResponse(err).status).toBe(409);
    expect(await statusOf(sent)).toBe("sent");
    expect((await w.trail(sent)).length).toBe(before);
  });
});
