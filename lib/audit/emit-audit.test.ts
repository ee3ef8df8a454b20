import { withDatabase } from "@/db/test/test-db";
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { BACKENDS, uniqueEmail } from "@/db/test/test-db";
import type { Ctx } from "@/lib/context";
import { emitAudit, emitAuditBatch } from "./emit-audit";
import { envelopeStream } from "./events";
import { verifyAuditStream } from "./verify-stream";

const ctx: Pick<Ctx, "actor" | "ip"> = {
  actor: { kind: "user", userId: randomUUID(), email: "sender@example.test" },
  ip: "192.0.2.7",
};
const page = (envelopeId: string, n: number) => ({ action: "PageViewChanged" as const, envelopeId, data: { page: n } });

describe.each(BACKENDS)("audit trail on $backend", ({ open }) => {
  let handle: DbHandle;
  withDatabase(open, (opened) => (handle = opened));

  const rowsOf = (envelopeId: string) =>
    handle.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.stream, envelopeStream(envelopeId)))
      .orderBy(auditEvents.seq);

  it("appends rows chained within their stream, with a readable description", async () => {
    const envelopeId = randomUUID();
    for (let n = 1; n <= 3; n++) await emitAudit(handle.db, ctx, page(envelopeId, n));
    const rows = await rowsOf(envelopeId);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows[0]!.prevHash).toBe("0".repeat(64));
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(rows[2]!.prevHash).toBe(rows[1]!.hash);
    expect(rows[2]!.description).toBe("Page 3 shown");
    expect(rows[0]).toMatchObject({
      action: "PageViewChanged",
      actorLabel: "sender@example.test",
      ip: "192.0.2.7",
      envelopeId,
    });
    expect(await verifyAuditStream(handle.db, envelopeStream(envelopeId))).toMatchObject({
      valid: true,
      count: 3,
      firstBroken: null,
      headHash: rows[2]!.hash,
    });
  });

  it("a batch is chained in the order given, across streams", async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const emitted = await emitAuditBatch(handle.db, ctx, [page(a, 1), page(b, 1), page(a, 2), page(a, 3)]);
    expect(emitted.map((e) => [e.stream, e.seq])).toEqual([
      [envelopeStream(a), 1],
      [envelopeStream(b), 1],
      [envelopeStream(a), 2],
      [envelopeStream(a), 3],
    ]);
    expect((await rowsOf(a)).map((r) => r.description)).toEqual(["Page 1 shown", "Page 2 shown", "Page 3 shown"]);
    expect((await verifyAuditStream(handle.db, envelopeStream(a))).valid).toBe(true);
  });

  it("refuses UPDATE, DELETE and TRUNCATE in the database itself", async () => {
    const envelopeId = randomUUID();
    await emitAudit(handle.db, ctx, page(envelopeId, 1));
    // drizzle wraps the database's error: its cause carries PostgreSQL's message.
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => "accepted",
        (e: Error) => String((e.cause as Error | undefined)?.message ?? e.message),
      );
    expect(
      await refusal(
        handle.db.update(auditEvents).set({ description: "forged" }).where(eq(auditEvents.envelopeId, envelopeId)),
      ),
    ).toBe("audit_events is append-only: UPDATE refused");
    expect(await refusal(handle.db.delete(auditEvents).where(eq(auditEvents.envelopeId, envelopeId)))).toBe(
      "audit_events is append-only: DELETE refused",
    );
    expect(await refusal(handle.db.execute(sql`truncate audit_events`))).toBe(
      "audit_events is append-only: TRUNCATE refused",
    );
    expect(await rowsOf(envelopeId)).toHaveLength(1);
  });

  it("ignores a forged seq, hash or time passed by application code, and Verify names the unsigned row", async () => {
    const envelopeId = randomUUID();
    await emitAudit(handle.db, ctx, page(envelopeId, 1));
    await handle.db.insert(auditEvents).values({
      stream: envelopeStream(envelopeId),
      action: "X",
      description: "",
      data: {},
      seq: 99,
      hash: "f".repeat(64),
      prevHash: "e".repeat(64),
      at: new Date(0),
    });
    const rows = await rowsOf(envelopeId);
    expect(rows[1]).toMatchObject({ seq: 2, prevHash: rows[0]!.hash });
    expect(rows[1]!.at.getTime()).toBeGreaterThan(Date.now() - 60_000);
    // The chain holds, but a row that did not go through the app's signer is named.
    expect(await verifyAuditStream(handle.db, envelopeStream(envelopeId))).toMatchObject({
      valid: false,
      firstBroken: { seq: 2, reason: expect.stringMatching(/not signed/) },
    });
  });

  // A superuser can switch the triggers off; verify must still catch what was done behind the app's back.
  const asSuperuser = (statement: ReturnType<typeof sql>) =>
    handle.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(statement);
    });

  it("verify names the first edited row", async () => {
    const envelopeId = randomUUID();
    for (let n = 1; n <= 4; n++) await emitAudit(handle.db, ctx, page(envelopeId, n));
    await asSuperuser(
      sql`update audit_events set description = 'Page 9 shown' where stream = ${envelopeStream(envelopeId)} and seq = 2`,
    );
    const result = await verifyAuditStream(handle.db, envelopeStream(envelopeId));
    expect(result).toMatchObject({ valid: false, firstBroken: { seq: 2, reason: expect.stringMatching(/edited/) } });
  });

  it("verify finds a removed middle row and a cut-off tail", async () => {
    const middle = randomUUID();
    const tail = randomUUID();
    for (let n = 1; n <= 4; n++) {
      await emitAudit(handle.db, ctx, page(middle, n));
      await emitAudit(handle.db, ctx, page(tail, n));
    }
    await asSuperuser(sql`delete from audit_events where stream = ${envelopeStream(middle)} and seq = 3`);
    expect(await verifyAuditStream(handle.db, envelopeStream(middle))).toMatchObject({
      valid: false,
      firstBroken: { seq: 4 },
    });
    await asSuperuser(sql`delete from audit_events where stream = ${envelopeStream(tail)} and seq >= 3`);
    expect(await verifyAuditStream(handle.db, envelopeStream(tail))).toMatchObject({
      valid: false,
      firstBroken: { seq: 3, reason: expect.stringMatching(/missing/) },
    });
  });

  it("rolls back with the change it records, and a refused event rolls back the change", async () => {
    const envelopeId = randomUUID();
    const email = uniqueEmail("rollback");
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.insert(users).values({ email });
        await emitAudit(tx, ctx, page(envelopeId, 1));
        throw new Error("change failed after its audit row");
      }),
    ).rejects.toThrow("change failed");
    const email2 = uniqueEmail("rollback2");
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.insert(users).values({ email: email2 });
        await emitAudit(tx, ctx, { action: "PageViewChanged", envelopeId, data: { page: -1 } });
      }),
    ).rejects.toThrow();
    expect(
      await handle.db
        .select()
        .from(users)
        .where(sql`${users.email} in (${email}, ${email2})`),
    ).toEqual([]);
    expect(await rowsOf(envelopeId)).toEqual([]);
    expect((await verifyAuditStream(handle.db, envelopeStream(envelopeId))).valid).toBe(true);
  });

  it("keeps tokens, codes and secrets out of the row by construction", async () => {
    const envelopeId = randomUUID();
    const providerId = randomUUID();
    const secrets = [
      "at-SECRET-access-token",
      "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln",
      "the-nonce-value",
      "client-secret-XYZ",
    ];
    await emitAudit(handle.db, ctx, {
      action: "AuthenticationSuccess",
      envelopeId,
      data: {
        providerId,
        providerName: "Demo IdP",
        subject: "sub-alice",
        authorizationUri: "https://idp.example/authorize",
        tokenUri: "https://idp.example/token",
        claims: { email: "alice@example.com", nonce: secrets[2]!, address: { country: "DE" } },
        resources: [
          {
            name: "license",
            uri: "https://api.example/license",
            data: { plan: "gold", access_token: secrets[0]!, nested: { idToken: secrets[1]! } },
          },
        ],
        // Not in the event's allow-list: dropped.
        accessToken: secrets[0],
        clientSecret: secrets[3],
      } as never,
    });
    const [row] = await rowsOf(envelopeId);
    const stored = JSON.stringify(row);
    for (const s of secrets) expect(stored).not.toContain(s);
    expect(row!.providerId).toBe(providerId);
    expect(row!.description).toContain(
      "Authenticated with provider 'Demo IdP' and id 'sub-alice' Authorization URI: https://idp.example/authorize Token URI: https://idp.example/token",
    );
    expect(row!.description).toContain(
      'The following additional resources have been acquired: license: { "plan": "gold"',
    );
    expect(row!.data).toMatchObject({ claims: { email: "alice@example.com", address: { country: "DE" } } });
  });
});
