import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { envelopes } from "@/db/schema";
import { withEnvelopeWorld, type EnvelopeWorld } from "@/db/test/envelopes";
import { uniqueEmail } from "@/db/test/test-db";
import { listHome } from "./list-home";

let handle: DbHandle;
let w: EnvelopeWorld;
withEnvelopeWorld((opened, world) => ((handle = opened), (w = world)));

const home = (email: string, userId = crypto.randomUUID()) => listHome(handle.db, { userId, email });

describe("Home: what this person has to do", () => {
  it("lists an envelope waiting for my signature only while it is my turn, under any case of my email", async () => {
    const me = uniqueEmail("signer");
    const later = uniqueEmail("later");
    const name = `Home sign ${crypto.randomUUID()}`;
    const id = await w.create(w.body(name, [{ email: me }, { email: later }]));

    const mine = await home(me.toUpperCase());
    expect(mine.toSign).toEqual([
      expect.objectContaining({ envelopeId: id, name, sender: "Sam Sender", invitedAt: expect.any(Date) }),
    ]);
    expect((await home(later)).toSign, "not yet the second signer's turn").toEqual([]);

    await handle.db
      .update(envelopes)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(envelopes.id, id));
    expect((await home(me)).toSign, "an expired envelope waits for nobody").toEqual([]);
  });

  it("lists the sender's drafts and recently sent envelopes with their state, newest first, and nobody else's", async () => {
    const tag = crypto.randomUUID();
    const draft = await w.create(w.body(`Draft ${tag}`, [{ email: uniqueEmail() }]), "draft");
    const first = await w.create(w.body(`Sent A ${tag}`, [{ email: uniqueEmail() }, { email: uniqueEmail() }]));
    const second = await w.create(w.body(`Sent B ${tag}`, [{ email: uniqueEmail() }]));
    await handle.db.update(envelopes).set({ status: "canceled" }).where(eq(envelopes.id, second));

    const lists = await home(w.sender.email, w.sender.userId);
    expect(lists.drafts.map((d) => d.id)).toContain(draft);
    expect(lists.drafts.find((d) => d.id === draft)).toMatchObject({ status: "draft", recipients: 1, signed: 0 });
    const sent = lists.sent.filter((e) => e.name.endsWith(tag));
    expect(sent.map((e) => [e.id, e.status, e.recipients, e.signed])).toEqual([
      [second, "canceled", 1, 0],
      [first, "sent", 2, 0],
    ]);
    expect(lists.sent.some((e) => e.id === draft)).toBe(false);

    const stranger = await home(uniqueEmail("stranger"));
    expect(stranger).toEqual({ toSign: [], drafts: [], sent: [] });
  });
});
