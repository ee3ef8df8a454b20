import { withDatabase } from "@/db/test/test-db";
import { randomBytes, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { rewriteHistoryAsSuperuser } from "@/db/test/rewrite-history";
import { BACKENDS } from "@/db/test/test-db";
import { emitAudit, emitAuditBatch } from "./emit-audit";
import { envelopeStream } from "./events";
import { auditKeyring, verifyAuditSignature } from "./signing-key";
import { verifyAuditStream } from "./verify-stream";

const ctx = { actor: { kind: "system" as const }, ip: null };
const page = (envelopeId: string, n: number) => ({ action: "PageViewChanged" as const, envelopeId, data: { page: n } });
const key = () => randomBytes(32);
const ring = (encryptionKeys: Buffer[], auditSigningKeys: Buffer[] = []) =>
  auditKeyring({ encryptionKeys, auditSigningKeys });

describe.each(BACKENDS)("audit signatures on $backend", ({ open }) => {
  let handle: DbHandle;
  withDatabase(open, (opened) => (handle = opened));

  it("a superuser who deletes a row and recomputes every later hash is caught by the signatures", async () => {
    const envelopeId = randomUUID();
    const stream = envelopeStream(envelopeId);
    for (let n = 1; n <= 5; n++) await emitAudit(handle.db, ctx, page(envelopeId, n));
    expect(await verifyAuditStream(handle.db, stream)).toMatchObject({ valid: true, count: 5 });

    await rewriteHistoryAsSuperuser(handle.db, stream, 3);
    const result = await verifyAuditStream(handle.db, stream);
    expect(result).toMatchObject({
      valid: false,
      count: 4,
      firstBroken: { seq: 3, reason: expect.stringMatching(/signature does not match/) },
    });
  });

  it("every event of a batch is signed, and the head's signature and key are reported", async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const emitted = await emitAuditBatch(handle.db, ctx, [page(a, 1), page(b, 1), page(a, 2)]);
    const result = await verifyAuditStream(handle.db, envelopeStream(a));
    const keyring = auditKeyring();
    expect(result).toMatchObject({
      valid: true,
      count: 2,
      headSignature: { seq: 2, keyId: keyring.current.keyId, publicKey: keyring.current.publicKey },
    });
    expect(
      verifyAuditSignature(
        keyring.current.publicKey,
        { stream: envelopeStream(a), seq: 2, hash: emitted[2]!.hash },
        result.headSignature!.signature,
      ),
    ).toBe(true);
  });

  it("an event inserted without the app's signature (or whose signature was removed) is named", async () => {
    const envelopeId = randomUUID();
    const stream = envelopeStream(envelopeId);
    for (let n = 1; n <= 3; n++) await emitAudit(handle.db, ctx, page(envelopeId, n));
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`delete from audit_event_signatures where stream = ${stream} and seq = 2`);
    });
    expect(await verifyAuditStream(handle.db, stream)).toMatchObject({
      valid: false,
      firstBroken: { seq: 2, reason: expect.stringMatching(/not signed/) },
    });
  });

  it("signatures of a previous key still verify after a rotation; an unknown key is named", async () => {
    const envelopeId = randomUUID();
    const stream = envelopeStream(envelopeId);
    const [oldKey, newKey] = [key(), key()];
    const before = ring([oldKey]);
    await emitAuditBatch(handle.db, ctx, [page(envelopeId, 1)], before);
    const after = ring([newKey, oldKey]);
    await emitAuditBatch(handle.db, ctx, [page(envelopeId, 2)], after);
    expect(await verifyAuditStream(handle.db, stream, after)).toMatchObject({
      valid: true,
      headSignature: { keyId: after.current.keyId },
    });
    const forgotten = ring([newKey]);
    expect(await verifyAuditStream(handle.db, stream, forgotten)).toMatchObject({
      valid: false,
      firstBroken: { seq: 1, reason: expect.stringContaining(`unknown key ${before.current.keyId}`) },
    });
  });

  it("AUDIT_SIGNING_KEY, when set, signs instead of the key derived from ENCRYPTION_KEY", () => {
    const encryptionKey = key();
    const derived = ring([encryptionKey]);
    const own = ring([encryptionKey], [key()]);
    expect(own.current.keyId).not.toBe(derived.current.keyId);
    // Switching to an own key keeps the signatures made with the derived one verifiable.
    expect(own.verifiers.map((k) => k.keyId)).toContain(derived.current.keyId);
    expect(ring([encryptionKey]).current.publicKey).toBe(derived.current.publicKey); // deterministic
  });
});
