import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase, type DbHandle } from "@/db/client";
import { recipients } from "@/db/schema";
import { withEnvelopeWorld, type EnvelopeWorld } from "@/db/test/envelopes";
import { findSigning } from "./find-signing";
import { PAGE_CALL_INTERVAL_SECONDS, recordPageCall } from "./record-page-call";

let handle: DbHandle;
let w: EnvelopeWorld;
withEnvelopeWorld((opened, world) => ((handle = opened), (w = world)));

describe("CalledPage", () => {
  it(`is written once per recipient per ${PAGE_CALL_INTERVAL_SECONDS} s, however many reloads (also in parallel), and again after that`, async () => {
    const name = `Views ${crypto.randomUUID()}`;
    const id = await w.create(
      w.body(name, [{ email: "vera@example.test", first: "Vera", last: "View" }, { email: "walt@example.test" }]),
    );
    const view = await findSigning(handle.db, await w.linkFor("vera@example.test", name), null);
    if (!view.ok) throw new Error(view.reason);
    const calls = () => w.trail(id).then((t) => t.filter((e) => e.action === "CalledPage"));

    const results = await Promise.all(Array.from({ length: 6 }, () => recordPageCall(w.signerCtx(), view.recipient)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await recordPageCall(w.signerCtx(), view.recipient)).toBe(false);
    const first = await calls();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      actorLabel: "Vera View",
      description: "Signer Auth signing page with language code 'en' loaded",
    });

    // A minute and a bit later: the next view is recorded again.
    await handle.db
      .update(recipients)
      .set({ lastPageCallAt: sql`now() - make_interval(secs => ${PAGE_CALL_INTERVAL_SECONDS + 1})` })
      .where(eq(recipients.id, view.recipient.id));
    expect(await recordPageCall(w.signerCtx(), view.recipient)).toBe(true);
    expect(await recordPageCall(w.signerCtx(), view.recipient)).toBe(false);
    expect(await calls()).toHaveLength(2);
  });

  it("a page whose row says a call was recorded within the interval opens no transaction (a reload, the page after authentication)", async () => {
    const name = `Reload ${crypto.randomUUID()}`;
    await w.create(w.body(name, [{ email: "rita@example.test", first: "Rita", last: "Reload" }]));
    const token = await w.linkFor("rita@example.test", name);
    const first = await findSigning(handle.db, token, null);
    if (!first.ok) throw new Error(first.reason);
    expect(await recordPageCall(w.signerCtx(), first.recipient)).toBe(true);
    const reread = await findSigning(handle.db, token, null);
    if (!reread.ok) throw new Error(reread.reason);
    // A database handle that is closed (it never connected): any statement would throw.
    const closed = await openDatabase({ databaseUrl: "postgres://127.0.0.1:9/closed" });
    await closed.close();
    expect(await recordPageCall({ ...w.signerCtx(), db: closed.db }, reread.recipient)).toBe(false);
  });
});
