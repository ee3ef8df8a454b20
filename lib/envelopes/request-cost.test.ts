import { readFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { envelopes, recipients } from "@/db/schema";
import { envelopeWorld, withEnvelopeWorld, type EnvelopeWorld, type RecipientSpec } from "@/db/test/envelopes";
import { hashingCounts, verifyPassword } from "@/lib/crypto/password";
import { formatPath, toErrorResponse } from "@/lib/errors";
import { createEnvelope } from "./create-envelope";
import { MAX_METHODS, MAX_RECIPIENTS, MAX_STEPS, ZSendEnvelopeRequest, type TSendEnvelopeRequest } from "./schema";
import { updateDraft } from "./update-draft";

// Issue 13 item 5: a request is checked whole (shape, caps, files, providers, phones) before its
// first access code is hashed, so a refused request costs no argon2 hash and writes nothing.
// hashingCounts() is the process's own count of argon2 calls (this file runs in its own worker).

let handle: DbHandle;
let w: EnvelopeWorld;
withEnvelopeWorld((opened, world) => ((handle = opened), (w = world)));

const code = (i: number) => ({ Method: "AccessCode", Parameter: `code-${i}-secret` });
const many = (n: number, methods: unknown[] = []): RecipientSpec[] =>
  Array.from({ length: n }, (_, i) => ({ email: `r${i}@example.test`, methods }));
const paths = (body: unknown) => {
  const parsed = ZSendEnvelopeRequest.safeParse(body);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
};
const envelopeCount = async () =>
  (
    await handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(envelopes)
      .where(eq(envelopes.senderUserId, w.sender.userId))
  )[0]!.n;
/** n recipients in one step (the body helper makes one step per recipient; steps are capped lower). */
const oneStep = (name: string, n: number, methods: unknown[]): TSendEnvelopeRequest => {
  const body = w.body(name, [{ email: "x@example.test" }]);
  body.SendEnvelopeDescription.Steps[0]!.Recipients = many(n, methods).map((r) => ({
    Email: r.email,
    AuthenticationMethods: r.methods as never,
  }));
  return body;
};

describe("the caps of one envelope request", () => {
  it("accept the seed's example unchanged and a request at every cap", () => {
    const seed = readFileSync(new URL("./fixtures/seed-001-send-envelope.json", import.meta.url), "utf8")
      .replaceAll("##FileId##", w.fileId)
      .replaceAll("##EMAIL##", "s@example.test");
    expect(paths(JSON.parse(seed))).toEqual([]);
    const atCaps = w.body("Caps", many(MAX_STEPS));
    atCaps.SendEnvelopeDescription.Steps[0]!.Recipients = many(MAX_RECIPIENTS - MAX_STEPS + 1, [
      code(0),
      { Method: "SmsCode", Parameter: "+41790000000" },
      ...Array.from({ length: MAX_METHODS - 2 }, () => ({ Method: "CustomOAuthProvider", Parameter: "Some IdP" })),
    ]).map((r) => ({ Email: r.email, AuthenticationMethods: r.methods as never }));
    expect(paths(atCaps)).toEqual([]);
  });

  it("refuse more steps, recipients or methods, and a second access code or SMS code, naming the JSON path", () => {
    expect(paths(w.body("x", many(MAX_STEPS + 1)))).toEqual([
      `$.SendEnvelopeDescription.Steps: At most ${MAX_STEPS} steps in an envelope`,
    ]);
    expect(paths(oneStep("x", MAX_RECIPIENTS + 1, []))).toContain(
      `$.SendEnvelopeDescription.Steps[0].Recipients: At most ${MAX_RECIPIENTS} recipients in an envelope`,
    );
    const spread = w.body("x", many(2));
    spread.SendEnvelopeDescription.Steps.forEach((s) => (s.Recipients = many(26).map((r) => ({ Email: r.email }))));
    expect(paths(spread)).toEqual([
      `$.SendEnvelopeDescription.Steps: At most ${MAX_RECIPIENTS} recipients in an envelope; this one has 52`,
    ]);
    const elevenMethods = [
      code(1),
      ...Array.from({ length: MAX_METHODS }, () => ({ Method: "CustomOAuthProvider", Parameter: "Some IdP" })),
    ];
    expect(paths(w.body("x", [{ email: "a@example.test", methods: elevenMethods }]))).toEqual([
      `$.SendEnvelopeDescription.Steps[0].Recipients[0].AuthenticationMethods: At most ${MAX_METHODS} authentication methods per recipient`,
    ]);
    expect(
      paths(
        w.body("x", [
          { email: "a@example.test", methods: [code(1), { Method: "SmsCode" }, code(2), { Method: "Sms" }] },
        ]),
      ),
    ).toEqual([
      "$.SendEnvelopeDescription.Steps[0].Recipients[0].AuthenticationMethods[2]: A recipient has at most one access code",
      "$.SendEnvelopeDescription.Steps[0].Recipients[0].AuthenticationMethods[3]: A recipient has at most one SMS code",
    ]);
  });
});

describe("validation before hashing", () => {
  it("a request with two AccessCode methods on one recipient is refused by the schema: no hash, no row", async () => {
    const before = { hashes: hashingCounts().hashes, envelopes: await envelopeCount() };
    const body = w.body("Two codes", [{ email: "two@example.test", methods: [code(1), code(2)] }]);
    const parsed = ZSendEnvelopeRequest.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => formatPath(i.path))).toEqual([
      "$.SendEnvelopeDescription.Steps[0].Recipients[0].AuthenticationMethods[1]",
    ]);
    expect({ hashes: hashingCounts().hashes, envelopes: await envelopeCount() }).toEqual(before);
  });

  it("a schema-valid request naming a foreign file and an unknown provider, with 50 access codes, is refused with every path and costs no hash", async () => {
    const body = oneStep("Foreign", MAX_RECIPIENTS, [code(1)]);
    body.SendEnvelopeDescription.Steps[0]!.Recipients[7]!.AuthenticationMethods = [
      code(1),
      { Method: "CustomOAuthProvider", Parameter: "No such IdP" },
    ] as never;
    body.SspFileIds = [crypto.randomUUID()];
    const before = { hashes: hashingCounts().hashes, envelopes: await envelopeCount() };
    const err = await createEnvelope(w.ctx(), w.sender, ZSendEnvelopeRequest.parse(body), "send").catch(
      (e: unknown) => e,
    );
    const answer = toErrorResponse(err);
    expect(answer.status).toBe(400);
    expect(
      ((await answer.json()) as { error: { details: { path: string }[] } }).error.details.map((d) => d.path).sort(),
    ).toEqual([
      "$.SendEnvelopeDescription.Steps[0].Recipients[7].AuthenticationMethods[1].Parameter",
      "$.SspFileIds[0]",
    ]);
    expect({ hashes: hashingCounts().hashes, envelopes: await envelopeCount() }).toEqual(before);
  });

  it("an edit of someone else's or a sent envelope is refused before hashing", async () => {
    const other = await envelopeWorld(handle.db);
    const theirs = await other.create(other.body("Theirs", [{ email: "t@example.test" }]), "draft");
    const sent = await w.create(w.body("Sent", [{ email: "s@example.test" }]), "send");
    const before = hashingCounts().hashes;
    const body = ZSendEnvelopeRequest.parse(oneStep("Edit", 10, [code(1)]));
    await expect(updateDraft(w.ctx(), w.sender, theirs, body)).rejects.toMatchObject({ code: "not_found" });
    await expect(updateDraft(w.ctx(), w.sender, sent, body)).rejects.toMatchObject({ code: "conflict" });
    expect(hashingCounts().hashes).toBe(before);
  });

  it("an accepted request hashes each access code once, and the stored hash checks the code", async () => {
    const before = hashingCounts().hashes;
    const id = await w.create(
      w.body("Three codes", [
        { email: "a@example.test", methods: [code(1)] },
        { email: "b@example.test", methods: [code(2)] },
        { email: "c@example.test" },
      ]),
      "draft",
    );
    expect(hashingCounts().hashes - before).toBe(2);
    const rows = await handle.db
      .select()
      .from(recipients)
      .where(eq(recipients.envelopeId, id))
      .orderBy(recipients.orderIndex);
    expect(await verifyPassword(rows[0]!.auth.accessCodeHash, "code-1-secret")).toBe(true);
    expect(await verifyPassword(rows[1]!.auth.accessCodeHash, "code-1-secret")).toBe(false);
    expect(rows[2]!.auth.accessCodeHash).toBeNull();
  });
});
