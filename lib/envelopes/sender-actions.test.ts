import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { envelopes, mailOutbox } from "@/db/schema";
import { browserToken, withEnvelopeWorld, type EnvelopeWorld } from "@/db/test/envelopes";
import { seedUser } from "@/db/test/seed";
import { toErrorResponse } from "@/lib/errors";
import { assertEnvelopeVisible } from "./assert-envelope-visible";
import { MAX_ATTEMPTS, verifyAccessCode } from "./code-authentication";
import { findSigning } from "./find-signing";
import { getEnvelope } from "./get-envelope";
import { listEnvelopes } from "./list-envelopes";
import { extendEnvelope, resendInvitation, unlockRecipient, ZExtendEnvelopeRequest } from "./sender-actions";
import { acceptAgreement, finishWorkstep, signField } from "./sign-workstep";

let handle: DbHandle;
let w: EnvelopeWorld;
withEnvelopeWorld((opened, world) => ((handle = opened), (w = world)));

const DAY = 86_400_000;
const owner = () => ({ userId: w.sender.userId, seeAll: false });
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString();
const recipientOf = async (id: string, index = 0) =>
  (await getEnvelope(handle.db, id, owner())).Steps[index]!.Recipients[0]!;

/** No link token, code or hash in the trail's rows for this envelope. */
async function expectCleanTrail(id: string, secrets: string[]) {
  const text = JSON.stringify(await w.trail(id));
  for (const s of secrets) expect(text).not.toContain(s);
}

describe("the sender's actions on a sent envelope", () => {
  it("resend: a new link works, the old one is dead, the mail is the signer invitation, audited without the token", async () => {
    const name = `Resend ${crypto.randomUUID()}`;
    const id = await w.create(w.body(name, [{ email: "rita@example.test" }, { email: "later@example.test" }]));
    const old = await w.linkFor("rita@example.test", name);
    const rita = await recipientOf(id);

    expect(await resendInvitation(w.ctx(), owner(), id, rita.RecipientId)).toEqual({ RecipientId: rita.RecipientId });
    const fresh = await w.linkFor("rita@example.test", name);
    expect(fresh).not.toBe(old);
    expect(await findSigning(handle.db, old, null)).toEqual({ ok: false, reason: "unknown" });
    const view = await findSigning(handle.db, fresh, null);
    if (!view.ok) throw new Error(view.reason);
    const mails = await handle.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, "rita@example.test"));
    expect(mails.filter((m) => m.template === "signer_invitation" && m.text.includes(name))).toHaveLength(2);

    // The recipient of a later step has no link yet: nothing to resend.
    const later = await recipientOf(id, 1);
    await expect(resendInvitation(w.ctx(), owner(), id, later.RecipientId)).rejects.toMatchObject({ code: "conflict" });

    const events = (await w.trail(id)).filter((e) => e.action === "InvitationResent");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorLabel: w.sender.email,
      data: { recipientId: rita.RecipientId, email: "rita@example.test" },
    });
    expect(events[0]!.description).toContain("rita@example.test");
    await expectCleanTrail(id, [old, fresh]);

    // The new link signs through; afterwards, nothing to resend.
    await acceptAgreement(w.signerCtx(), { token: fresh, browserToken: null });
    await signField(w.signerCtx(), { token: fresh, browserToken: null, fieldId: view.fields[0]!.id });
    await finishWorkstep(w.signerCtx(), { token: fresh, browserToken: null });
    await expect(resendInvitation(w.ctx(), owner(), id, rita.RecipientId)).rejects.toMatchObject({
      code: "conflict",
      message: "This recipient has already signed",
    });
  });

  it("unlock: a locked recipient's attempts reset, the right code then gets through; audited without the code", async () => {
    const name = `Unlock ${crypto.randomUUID()}`;
    const id = await w.create(
      w.body(name, [{ email: "uma@example.test", methods: [{ Method: "AccessCode", Parameter: "lotus-2024" }] }]),
    );
    const token = await w.linkFor("uma@example.test", name);
    const uma = await recipientOf(id);
    expect(uma.Locked).toBe(false);
    await expect(unlockRecipient(w.ctx(), owner(), id, uma.RecipientId)).rejects.toMatchObject({
      code: "conflict",
      message: "This recipient is not locked",
    });

    for (let i = 0; i < MAX_ATTEMPTS; i++)
      await verifyAccessCode(w.signerCtx(), { token, code: "wrong-guess", browserToken: browserToken() });
    const mine = browserToken();
    await expect(
      verifyAccessCode(w.signerCtx(), { token, code: "lotus-2024", browserToken: mine }),
    ).rejects.toMatchObject({ code: "rate_limited" });
    expect((await recipientOf(id)).Locked).toBe(true);

    expect(await unlockRecipient(w.ctx(), owner(), id, uma.RecipientId)).toEqual({ RecipientId: uma.RecipientId });
    expect((await recipientOf(id)).Locked).toBe(false);
    // Attempts start again from zero: one wrong try leaves MAX_ATTEMPTS - 1.
    expect(await verifyAccessCode(w.signerCtx(), { token, code: "wrong-again", browserToken: mine })).toEqual({
      ok: false,
      attemptsLeft: MAX_ATTEMPTS - 1,
    });
    expect(await verifyAccessCode(w.signerCtx(), { token, code: "lotus-2024", browserToken: mine })).toEqual({
      ok: true,
    });

    const events = (await w.trail(id)).filter((e) => e.action === "RecipientUnlocked");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      data: { recipientId: uma.RecipientId, email: "uma@example.test", attempts: MAX_ATTEMPTS },
    });
    await expectCleanTrail(id, ["lotus-2024", token]);
  });

  it("extend: an expired envelope is sent again and its link works; bad dates are refused with their path", async () => {
    const name = `Extend ${crypto.randomUUID()}`;
    const id = await w.create(w.body(name, [{ email: "ezra@example.test" }]));
    const token = await w.linkFor("ezra@example.test", name);
    await handle.db
      .update(envelopes)
      .set({ status: "expired", expiresAt: sql`now() - interval '1 day'` })
      .where(eq(envelopes.id, id));
    expect(await findSigning(handle.db, token, null)).toMatchObject({ ok: false, reason: "expired" });
    // Resending needs a live envelope.
    await expect(resendInvitation(w.ctx(), owner(), id, (await recipientOf(id)).RecipientId)).rejects.toMatchObject({
      code: "conflict",
      message: "The envelope has expired: extend it first",
    });

    const to = inDays(7);
    expect(await extendEnvelope(w.ctx(), owner(), id, ZExtendEnvelopeRequest.parse({ ExpiresAt: to }))).toEqual({
      EnvelopeId: id,
      ExpiresAt: to,
    });
    const json = await getEnvelope(handle.db, id, owner());
    expect(json).toMatchObject({ Status: "sent", ExpiresAt: to });
    expect(new Date(json.SentAt!).getTime() + json.ExpirationInSecondsAfterSending * 1000).toBeCloseTo(
      new Date(to).getTime(),
      -4,
    );
    const view = await findSigning(handle.db, token, null);
    expect(view.ok).toBe(true);

    const events = (await w.trail(id)).filter((e) => e.action === "EnvelopeExtended");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ data: { to, revived: true } });
    expect(events[0]!.description).toContain("can be signed again");
    await expectCleanTrail(id, [token]);

    // Not earlier than the current date; the request's own checks name $.ExpiresAt.
    await expect(extendEnvelope(w.ctx(), owner(), id, { ExpiresAt: inDays(3) })).rejects.toMatchObject({
      code: "validation_failed",
      details: [expect.objectContaining({ path: "$.ExpiresAt" })],
    });
    for (const bad of [
      { ExpiresAt: inDays(-1) },
      { ExpiresAt: inDays(400) },
      { ExpiresAt: "next week" },
      {},
      { ExpiresAt: inDays(9), Extra: 1 },
    ]) {
      const parsed = ZExtendEnvelopeRequest.safeParse(bad);
      expect(parsed.success, JSON.stringify(bad)).toBe(false);
      const body = (await toErrorResponse(parsed.error).json()) as { error: { details: { path: string }[] } };
      expect(body.error.details[0]!.path).toMatch(/^\$(\.ExpiresAt)?$/);
    }
  });

  it("someone else's envelope is not found; a completed one is a conflict; who sees all may act", async () => {
    const name = `Others ${crypto.randomUUID()}`;
    const id = await w.create(w.body(name, [{ email: "olga@example.test" }]));
    const olga = await recipientOf(id);
    const { user: stranger } = await seedUser(handle.db, { permissions: { send_envelopes: "ALLOW" } });
    const other = { userId: stranger.id, seeAll: false };
    const notFound = { code: "not_found" };
    await expect(resendInvitation(w.ctx(), other, id, olga.RecipientId)).rejects.toMatchObject(notFound);
    await expect(unlockRecipient(w.ctx(), other, id, olga.RecipientId)).rejects.toMatchObject(notFound);
    await expect(extendEnvelope(w.ctx(), other, id, { ExpiresAt: inDays(40) })).rejects.toMatchObject(notFound);
    await expect(resendInvitation(w.ctx(), owner(), id, crypto.randomUUID())).rejects.toMatchObject(notFound);
    await expect(resendInvitation(w.ctx(), owner(), "not-a-uuid", olga.RecipientId)).rejects.toMatchObject(notFound);
    expect((await w.trail(id)).map((e) => e.action)).not.toContain("InvitationResent");
    // An admin who sees all (view_audit) may act on it.
    await resendInvitation(
      w.ctx({ kind: "user", userId: stranger.id, email: "admin@example.test" }),
      { userId: stranger.id, seeAll: true },
      id,
      olga.RecipientId,
    );

    const token = await w.linkFor("olga@example.test", name);
    const view = await findSigning(handle.db, token, null);
    if (!view.ok) throw new Error(view.reason);
    await acceptAgreement(w.signerCtx(), { token, browserToken: null });
    await signField(w.signerCtx(), { token, browserToken: null, fieldId: view.fields[0]!.id });
    expect(await finishWorkstep(w.signerCtx(), { token, browserToken: null })).toEqual({ completed: true });
    const conflict = { code: "conflict" };
    await expect(resendInvitation(w.ctx(), owner(), id, olga.RecipientId)).rejects.toMatchObject(conflict);
    await expect(unlockRecipient(w.ctx(), owner(), id, olga.RecipientId)).rejects.toMatchObject(conflict);
    await expect(extendEnvelope(w.ctx(), owner(), id, { ExpiresAt: inDays(40) })).rejects.toMatchObject({
      code: "conflict",
      message: "The envelope is completed: nothing to extend",
    });
    expect((await getEnvelope(handle.db, id, owner())).Status).toBe("completed");
  });
});

describe("who sees an envelope", () => {
  const notFound = { code: "not_found" };

  it("its sender and who sees all read it; anyone else finds nothing, in the envelope, the trail check and the list", async () => {
    const name = `Visible ${crypto.randomUUID()}`;
    const id = await w.create(w.body(name, [{ email: "vera@example.test" }]));
    const { user: stranger } = await seedUser(handle.db, { permissions: { send_envelopes: "ALLOW" } });
    const other = { userId: stranger.id, seeAll: false };
    const admin = { userId: stranger.id, seeAll: true };

    for (const viewer of [owner(), admin]) {
      expect((await getEnvelope(handle.db, id, viewer)).Name).toBe(name);
      await expect(assertEnvelopeVisible(handle.db, id, viewer)).resolves.toBeUndefined();
      expect((await listEnvelopes(handle.db, viewer)).map((e) => e.id)).toContain(id);
    }
    await expect(getEnvelope(handle.db, id, other)).rejects.toMatchObject(notFound);
    await expect(assertEnvelopeVisible(handle.db, id, other)).rejects.toMatchObject(notFound);
    expect((await listEnvelopes(handle.db, other)).map((e) => e.id)).not.toContain(id);
  });

  it("an id that is no envelope's is not found, except that who sees all may still read a trail whose envelope is gone", async () => {
    const admin = { userId: w.sender.userId, seeAll: true };
    for (const viewer of [owner(), admin])
      await expect(getEnvelope(handle.db, "not-an-id", viewer)).rejects.toMatchObject(notFound);
    await expect(assertEnvelopeVisible(handle.db, "not-an-id", admin)).rejects.toMatchObject(notFound);

    const gone = crypto.randomUUID();
    await expect(getEnvelope(handle.db, gone, admin)).rejects.toMatchObject(notFound);
    await expect(assertEnvelopeVisible(handle.db, gone, owner())).rejects.toMatchObject(notFound);
    await expect(assertEnvelopeVisible(handle.db, gone, admin)).resolves.toBeUndefined();
  });
});
