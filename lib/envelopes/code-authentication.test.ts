import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { recipients } from "@/db/schema";
import { browserToken, withEnvelopeWorld, type EnvelopeWorld } from "@/db/test/envelopes";
import { MAX_ATTEMPTS, sendSmsCode, verifyAccessCode, verifySmsCode } from "./code-authentication";
import { findSigning } from "./find-signing";
import { getEnvelope } from "./get-envelope";
import { acceptAgreement, finishWorkstep, signField } from "./sign-workstep";
import { received } from "@/db/test/mail";
import { REDACTED } from "@/lib/mail/sealed-mail";

let handle: DbHandle;
let w: EnvelopeWorld;
withEnvelopeWorld((opened, world) => ((handle = opened), (w = world)));

const unique = (what: string) => `${what} ${crypto.randomUUID()}`;
const recipientOf = async (token: string) => {
  const view = await findSigning(handle.db, token, null);
  if (!view.ok) throw new Error(view.reason);
  const [r] = await handle.db.select().from(recipients).where(eq(recipients.id, view.recipient.id));
  return r!;
};
const codeOf = (text: string) => /\b(\d{6})\b/.exec(text)?.[1] ?? "";

describe("access code", () => {
  it("a wrong code is refused and counted, the right one authenticates this browser only, and the signer signs", async () => {
    const name = unique("Access");
    const id = await w.create(
      w.body(name, [{ email: "carol@example.test", methods: [{ Method: "AccessCode", Parameter: "tulip-4711" }] }]),
    );
    const token = await w.linkFor("carol@example.test", name);
    const mine = browserToken();
    const other = browserToken();

    expect(await verifyAccessCode(w.signerCtx(), { token, code: "tulip-4712", browserToken: mine })).toEqual({
      ok: false,
      attemptsLeft: MAX_ATTEMPTS - 1,
    });
    expect(
      (await getEnvelope(handle.db, id, { userId: w.sender.userId, seeAll: false })).Steps[0]!.Recipients[0]!
        .AuthenticationState,
    ).toBe("Failed");
    expect(await verifyAccessCode(w.signerCtx(), { token, code: " tulip-4711 ", browserToken: mine })).toEqual({
      ok: true,
    });

    const r = await recipientOf(token);
    expect(r).toMatchObject({ authMethod: "accessCode", codeAttempts: 0, lastAuthError: null });
    expect(r.auth.accessCodeHash).toMatch(/^\$argon2/); // only a hash at rest

    // Bound to the browser that gave the code: another browser sees the window and may do nothing.
    expect(await findSigning(handle.db, token, other)).toMatchObject({ ok: true, authenticated: false });
    expect(await findSigning(handle.db, token, null)).toMatchObject({ ok: true, authenticated: false });
    await expect(acceptAgreement(w.signerCtx(), { token, browserToken: other })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(acceptAgreement(w.signerCtx(), { token, browserToken: null })).rejects.toMatchObject({
      code: "forbidden",
    });

    const view = await findSigning(handle.db, token, mine);
    if (!view.ok) throw new Error(view.reason);
    expect(view.authenticated).toBe(true);
    await acceptAgreement(w.signerCtx(), { token, browserToken: mine });
    await signField(w.signerCtx(), { token, browserToken: mine, fieldId: view.fields[0]!.id });
    expect(await finishWorkstep(w.signerCtx(), { token, browserToken: mine })).toEqual({ completed: true });

    const events = await w.trail(id);
    const failed = events.filter((e) => e.action === "AuthenticationFailed");
    expect(failed.map((e) => e.data)).toEqual([
      { method: "accessCode", step: "access_code", reason: "wrong access code", attempts: 1 },
    ]);
    expect(failed[0]!.description).toBe(
      "Authentication with the access code failed at step 'access_code': wrong access code",
    );
    expect(events.filter((e) => e.action === "CodeAuthenticationSuccess").map((e) => e.data)).toEqual([
      { method: "accessCode" },
    ]);
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(["AgreementAccepted", "SignWorkstepDocument", "WorkstepFinished", "EnvelopeCompleted"]),
    );
    expect(JSON.stringify(events)).not.toMatch(/tulip-471[12]|argon2/);
  });

  it(`locks the recipient after ${MAX_ATTEMPTS} wrong codes, also when they come in parallel; further tries are refused and audited`, async () => {
    const name = unique("Lock");
    const id = await w.create(
      w.body(name, [
        {
          email: "dave@example.test",
          phone: "+4915112345678",
          methods: [{ Method: "AccessCode", Parameter: "right-code" }, { Method: "SmsCode" }],
        },
      ]),
    );
    const token = await w.linkFor("dave@example.test", name);
    const tries = await Promise.allSettled(
      Array.from({ length: MAX_ATTEMPTS + 3 }, (_, i) =>
        verifyAccessCode(w.signerCtx(), { token, code: `wrong-${i}`, browserToken: browserToken() }),
      ),
    );
    const answered = tries.filter((t) => t.status === "fulfilled").map((t) => t.value);
    const refused = tries.filter((t) => t.status === "rejected").map((t) => t.reason as { code: string });
    expect(answered.map((a) => a.ok === false && a.attemptsLeft).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(refused).toEqual(Array.from({ length: 3 }, () => expect.objectContaining({ code: "rate_limited" })));
    expect((await recipientOf(token)).codeAttempts).toBe(MAX_ATTEMPTS);

    // Locked: the right code, a new SMS and an SMS code are all refused now.
    await expect(
      verifyAccessCode(w.signerCtx(), { token, code: "right-code", browserToken: browserToken() }),
    ).rejects.toMatchObject({ code: "rate_limited", message: expect.stringContaining("Too many wrong codes") });
    await expect(sendSmsCode(w.signerCtx(), { token, browserToken: null })).rejects.toMatchObject({
      code: "rate_limited",
    });
    await expect(
      verifySmsCode(w.signerCtx(), { token, code: "000000", browserToken: browserToken() }),
    ).rejects.toMatchObject({ code: "rate_limited" });
    expect(await recipientOf(token)).toMatchObject({ authenticatedAt: null, codeAttempts: MAX_ATTEMPTS });
    expect(await w.smsTo("+4915112345678").then((m) => m.filter((x) => x.text.includes(name)))).toHaveLength(0);

    const failed = (await w.trail(id))
      .filter((e) => e.action === "AuthenticationFailed")
      .map((e) => e.data as { attempts: number; locked?: boolean; method: string; reason: string });
    expect(failed.map((f) => f.attempts)).toEqual([1, 2, 3, 4, 5, 5, 5, 5, 5, 5]);
    expect(failed.filter((f) => f.locked)).toHaveLength(1 + 3 + 2); // the 5th wrong code, the 3 parallel extra tries, the 2 tries afterwards
    expect(failed.at(-1)).toEqual({
      method: "sms",
      step: "sms_code",
      reason: `locked after ${MAX_ATTEMPTS} wrong codes`,
      attempts: 5,
      locked: true,
    });
    expect(JSON.stringify(failed)).not.toContain("right-code");
  });

  it("refuses a code method the sender did not choose", async () => {
    const name = unique("No code");
    await w.create(
      w.body(name, [{ email: "erin@example.test", methods: [{ Method: "AccessCode", Parameter: "only-access" }] }]),
    );
    const token = await w.linkFor("erin@example.test", name);
    await expect(sendSmsCode(w.signerCtx(), { token, browserToken: null })).rejects.toMatchObject({ code: "conflict" });
    await expect(
      verifySmsCode(w.signerCtx(), { token, code: "123456", browserToken: browserToken() }),
    ).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("SMS code", () => {
  const phone = "+4915199990000";

  it("goes to the outbox as sms:<number>, is stored hashed, authenticates the browser that gives it, once a minute at most", async () => {
    const name = unique("Sms");
    const id = await w.create(
      w.body(name, [{ email: "frank@example.test", phone: "0049 151 9999 0000", methods: [{ Method: "SmsCode" }] }]),
    );
    const token = await w.linkFor("frank@example.test", name);
    await sendSmsCode(w.signerCtx(), { token, browserToken: null });
    await expect(sendSmsCode(w.signerCtx(), { token, browserToken: null })).rejects.toMatchObject({
      code: "rate_limited",
      message: "A code was sent less than a minute ago",
    });
    const sms = (await w.smsTo(phone)).filter((m) => m.text.includes(name));
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ template: "sms_code", status: "local" });
    const code = codeOf(received(sms[0]!).text);
    expect(code).toMatch(/^\d{6}$/);
    // Only the (future) gateway opens it: the readable copy has the code redacted.
    expect(sms[0]!.text).not.toContain(code);
    expect(sms[0]!.text).toContain(REDACTED);
    expect((await recipientOf(token)).smsCodeHash).not.toContain(code);

    const mine = browserToken();
    const wrong = code === "000000" ? "000001" : "000000";
    expect(await verifySmsCode(w.signerCtx(), { token, code: wrong, browserToken: mine })).toEqual({
      ok: false,
      attemptsLeft: MAX_ATTEMPTS - 1,
    });
    expect(await verifySmsCode(w.signerCtx(), { token, code, browserToken: mine })).toEqual({ ok: true });
    expect(await recipientOf(token)).toMatchObject({ authMethod: "sms", smsCodeHash: null, codeAttempts: 0 });
    // Used up: the same code again (from another browser) is no longer valid.
    expect(await verifySmsCode(w.signerCtx(), { token, code, browserToken: browserToken() })).toMatchObject({
      ok: false,
    });
    expect(await findSigning(handle.db, token, mine)).toMatchObject({ ok: true, authenticated: true });
    await expect(acceptAgreement(w.signerCtx(), { token, browserToken: browserToken() })).rejects.toMatchObject({
      code: "forbidden",
    });
    await acceptAgreement(w.signerCtx(), { token, browserToken: mine });

    const events = await w.trail(id);
    expect(events.filter((e) => e.action === "CodeAuthenticationSuccess").map((e) => e.data)).toEqual([
      { method: "sms" },
    ]);
    expect(events.filter((e) => e.action === "AuthenticationFailed").map((e) => e.data)).toEqual([
      { method: "sms", step: "sms_code", reason: "wrong SMS code", attempts: 1 },
      { method: "sms", step: "sms_code", reason: "no valid code was sent, or it expired", attempts: 1 },
    ]);
    expect(JSON.stringify(events)).not.toContain(code);
  });

  it("an expired code is refused; a new one can be requested and works", async () => {
    const name = unique("Sms expiry");
    const id = await w.create(
      w.body(name, [{ email: "gina@example.test", phone, methods: [{ Method: "SmsCode", Parameter: phone }] }]),
    );
    const token = await w.linkFor("gina@example.test", name);
    await sendSmsCode(w.signerCtx(), { token, browserToken: null });
    const first = codeOf(received((await w.smsTo(phone)).filter((m) => m.text.includes(name))[0]!).text);
    // Ten minutes and one second later, as far as the code is concerned.
    await handle.db
      .update(recipients)
      .set({ smsCodeExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(recipients.id, (await recipientOf(token)).id));
    const mine = browserToken();
    expect(await verifySmsCode(w.signerCtx(), { token, code: first, browserToken: mine })).toEqual({
      ok: false,
      attemptsLeft: MAX_ATTEMPTS - 1,
    });
    expect(await findSigning(handle.db, token, mine)).toMatchObject({ authenticated: false });

    await sendSmsCode(w.signerCtx(), { token, browserToken: null });
    const texts = (await w.smsTo(phone)).filter((m) => m.text.includes(name));
    expect(texts).toHaveLength(2);
    const second = codeOf(received(texts[1]!).text);
    if (second !== first)
      expect(await verifySmsCode(w.signerCtx(), { token, code: first, browserToken: mine })).toMatchObject({
        ok: false,
      });
    expect(await verifySmsCode(w.signerCtx(), { token, code: second, browserToken: mine })).toEqual({ ok: true });
    const failed = (await w.trail(id)).filter((e) => e.action === "AuthenticationFailed");
    expect(failed[0]!.data).toMatchObject({ method: "sms", reason: "no valid code was sent, or it expired" });
  });
});
