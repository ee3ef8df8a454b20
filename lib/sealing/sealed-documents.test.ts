import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { withEnvelopeWorld, type EnvelopeWorld } from "@/db/test/envelopes";
import { getEnvelope } from "@/lib/envelopes/get-envelope";
import { toErrorResponse } from "@/lib/errors";
import { completeEnvelope } from "@/lib/testing/complete-envelope";
import { pdfsig } from "@/lib/testing/pdfsig";
import { runSealJob } from "./seal-jobs";
import { sha256Hex } from "./seal-envelope";
import { CERTIFICATE_FILE, findSealedDocument } from "./sealed-documents";

// What GET …/documents/<documentId>/sealed and …/certificate.pdf answer (the routes call
// findSealedDocument after the reader check): 404 before completion and for an unknown document,
// 409 while the seal job waits, the sealed PDF after; the envelope's GET carries the hashes.

let handle: DbHandle;
let w: EnvelopeWorld;
withEnvelopeWorld((opened, world) => ((handle = opened), (w = world)));

const config = {
  dataDir: mkdtempSync(path.join(tmpdir(), "seal-docs-")),
  sealP12: undefined,
  appUrl: "http://localhost:3000",
};
const owner = () => ({ userId: w.sender.userId, seeAll: false });
const statusOf = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  return err ? { status: toErrorResponse(err).status, message: (err as Error).message } : null;
};

describe("sealed downloads", () => {
  it("404 until completed, 409 while sealing, then the sealed PDF; GET Documents carries Sha256 and SealedSha256", async () => {
    const sent = await w.create(w.body(`Open ${crypto.randomUUID()}`, [{ email: "open@example.test" }]));
    expect(await statusOf(findSealedDocument(handle.db, sent, 1))).toEqual({
      status: 404,
      message: "Not sealed: a document is sealed once its envelope is completed",
    });

    const id = await completeEnvelope(handle.db, w, `Download ${crypto.randomUUID()}`);
    expect(await statusOf(findSealedDocument(handle.db, id, 1))).toMatchObject({ status: 409 });
    expect(await statusOf(findSealedDocument(handle.db, id, 0))).toMatchObject({ status: 409 });
    expect(await statusOf(findSealedDocument(handle.db, id, 2))).toEqual({
      status: 404,
      message: "The envelope has no document with this id",
    });
    const before = await getEnvelope(handle.db, id, owner());
    expect(before.Documents).toEqual([
      expect.objectContaining({ DocumentId: 1, FileName: "contract.pdf", SealedSha256: null }),
    ]);
    expect(before.Documents[0]!.Sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(before.CertificateSha256).toBeNull();

    expect(await runSealJob(handle.db, config, { only: id })).toEqual({ status: "sealed", envelopeId: id });
    const doc = await findSealedDocument(handle.db, id, 1);
    expect(doc.name).toBe("contract (sealed).pdf");
    expect(pdfsig(doc.content)).toContain("Signature is Valid.");
    const certificate = await findSealedDocument(handle.db, id, 0);
    expect(certificate.name).toBe(CERTIFICATE_FILE);
    expect(pdfsig(certificate.content)).toContain("Signature is Valid.");

    const after = await getEnvelope(handle.db, id, owner());
    expect(after.Documents[0]!.SealedSha256).toBe(sha256Hex(doc.content));
    expect(after.Documents[0]!.Sha256).toBe(before.Documents[0]!.Sha256);
    expect(after.CertificateSha256).toBe(sha256Hex(certificate.content));
  });
});
