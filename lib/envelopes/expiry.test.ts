import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { envelopes } from "@/db/schema";
import { browserToken, withEnvelopeWorld, type EnvelopeWorld } from "@/db/test/envelopes";
import { toErrorResponse } from "@/lib/errors";
import { sendSmsCode, verifyAccessCode } from "./code-authentication";
import { expireIfDue } from "./expiry";
import { findSigning } from "./find-signing";
import { getEnvelope } from "./get-envelope";
import { listEnvelopes } from "./list-envelopes";
import { ZSendEnvelopeRequest } from "./schema";
import { acceptAgreement, finishWorkstep, signField } from "./sign-workstep";

let handle: DbHandle;
let w: EnvelopeWorld;
withEnvelopeWorld((opened, world) => ((handle = opened), (w = world)));

const DAY = 86_400_000;
const viewer = () => ({ userId: w.sender.userId, seeAll: false });
/** Moves the envelope's expiry into the past (the recipients' link expiry stays: the envelope's own date must suffice). */
const expireNow = (id: string) =>
  handle.db
    .update(envelopes)
    .set({ expiresAt: sql`now() - interval '1 second'` })
    .where(eq(envelopes.id, id));

describe("envelope expiry", () => {
  it("defaults to 28 days after sending, takes the seed's ExpirationInSecondsAfterSending, and refuses a wrong one with its path", async () => {
    const a = await w.create(w.body(`Default ${crypto.randomUUID()}`, [{ email: "x@example.test" }]));
    const json = await getEnvelope(handle.db, a, viewer());
    expect(json.ExpirationInSecondsAfterSending).toBe(28 * 86400);
    expect(new Date(json.ExpiresAt!).getTime() - new Date(json.SentAt!).getTime()).toBeCloseTo(28 * DAY, -4);

    const b = await w.create(
      w.body(`Two days ${crypto.randomUUID()}`, [{ email: "x@example.test" }], {
        ExpirationInSecondsAfterSending: 2 * 86400,
      }),
    );
    const two = await getEnvelope(handle.db, b, viewer());
    expect(new Date(two.ExpiresAt!).getTime() - new Date(two.SentAt!).getTime()).toBeCloseTo(2 * DAY, -4);

    // A draft has no expiry date yet: the clock starts when it is sent.
    const d = await w.create(
      w.body(`Draft ${crypto.randomUUID()}`, [{ email: "x@example.test" }], {
        ExpirationInSecondsAfterSending: 3 * 86400,
      }),
      "draft",
    );
    expect(await getEnvelope(handle.db, d, viewer())).toMatchObject({
      Status: "draft",
      ExpiresAt: null,
      ExpirationInSecondsAfterSending: 3 * 86400,
    });

    for (const bad of [60, 1.5 * 3600 + 0.5, 400 * 86400, "28 days"]) {
      const parsed = ZSendEnvelopeRequest.safeParse(
        w.body("Bad", [{ email: "x@example.test" }], { ExpirationInSecondsAfterSending: bad }),
      );
      expect(parsed.success, String(bad)).toBe(false);
      const body = (await toErrorResponse(parsed.error).json()) as {
        error: { details: { path: string; message: string }[] };
      };
      expect(body.error.details).toEqual([
        expect.objectContaining({ path: "$.SendEnvelopeDescription.ExpirationInSecondsAfterSending" }),
      ]);
    }
  });

  it("an expired envelope reads as expired, its link is refused, and an authenticated signer can no longer act", async () => {
    const name = `Expiring ${crypto.randomUUID()}`;
    const id = await w.create(
      w.body(name, [
        {
          email: "hank@example.test",
          phone: "+4915100001111",
          methods: [{ Method: "AccessCode", Parameter: "hank-code" }, { Method: "SmsCode" }],
        },
      ]),
    );
    const token = await w.linkFor("hank@example.test", name);
    const mine = browserToken();
    expect(await verifyAccessCode(w.signerCtx(), { token, code: "hank-code", browserToken: mine })).toEqual({
      ok: true,
    });
    await acceptAgreement(w.signerCtx(), { token, browserToken: mine });
    const view = await findSigning(handle.db, token, mine);
    if (!view.ok) throw new Error(view.reason);

    await expireNow(id);
    expect((await getEnvelope(handle.db, id, viewer())).Status).toBe("expired");
    expect((await listEnvelopes(handle.db, viewer())).find((e) => e.id === id)?.status).toBe("expired");
    const refused = await findSigning(handle.db, token, mine);
    expect(refused).toMatchObject({ ok: false, reason: "expired", envelopeId: id });
    expect(refused.ok === false && refused.reason === "expired" && refused.expiredAt!.getTime()).toBeLessThan(
      Date.now(),
    );

    const expired = { code: "conflict", message: "This envelope has expired and can no longer be signed" };
    await expect(
      signField(w.signerCtx(), { token, browserToken: mine, fieldId: view.fields[0]!.id }),
    ).rejects.toMatchObject(expired);
    await expect(finishWorkstep(w.signerCtx(), { token, browserToken: mine })).rejects.toMatchObject(expired);
    await expect(
      verifyAccessCode(w.signerCtx(), { token, code: "hank-code", browserToken: browserToken() }),
    ).rejects.toMatchObject(expired);
    await expect(sendSmsCode(w.signerCtx(), { token, browserToken: null })).rejects.toMatchObject(expired);
    expect(await w.smsTo("+4915100001111")).toHaveLength(0);

    // The first access after the expiry records it, once.
    expect((await w.trail(id)).map((e) => e.action)).not.toContain("EnvelopeExpired");
    const results = await Promise.all([expireIfDue(w.signerCtx(), id), expireIfDue(w.signerCtx(), id)]);
    expect(results.sort()).toEqual([false, true]);
    const events = (await w.trail(id)).filter((e) => e.action === "EnvelopeExpired");
    expect(events).toHaveLength(1);
    expect(events[0]!.description).toMatch(/^Envelope expired at \d{4}-.*: its signing links no longer work$/);
    expect(await getEnvelope(handle.db, id, viewer())).toMatchObject({ Status: "expired" });
    const [row] = await handle.db.select({ status: envelopes.status }).from(envelopes).where(eq(envelopes.id, id));
    expect(row!.status).toBe("expired");
    expect(await findSigning(handle.db, token, mine)).toMatchObject({ ok: false, reason: "expired" });
  });

  it("a sent envelope before its date, or a completed one after it, is not expired", async () => {
    const name = `Done ${crypto.randomUUID()}`;
    const id = await w.create(w.body(name, [{ email: "ivy@example.test" }]));
    expect(await expireIfDue(w.signerCtx(), id)).toBe(false);
    const token = await w.linkFor("ivy@example.test", name);
    const view = await findSigning(handle.db, token, null);
    if (!view.ok) throw new Error(view.reason);
    await acceptAgreement(w.signerCtx(), { token, browserToken: null });
    await signField(w.signerCtx(), { token, browserToken: null, fieldId: view.fields[0]!.id });
    expect(await finishWorkstep(w.signerCtx(), { token, browserToken: null })).toEqual({ completed: true });
    await expireNow(id);
    expect(await expireIfDue(w.signerCtx(), id)).toBe(false);
    expect((await getEnvelope(handle.db, id, viewer())).Status).toBe("completed");
  });
});
