import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { auditEvents, sealedDocuments, sealJobs } from "@/db/schema";
import { withEnvelopeWorld, type EnvelopeWorld } from "@/db/test/envelopes";
import { ConfigError, loadConfig } from "@/lib/config";
import { ALICE, BOB, completeEnvelope } from "@/lib/testing/complete-envelope";
import { pdfsig, pdftotext } from "@/lib/testing/pdfsig";
import { runSealJob, type SealingConfig } from "./seal-jobs";
import { sha256Hex } from "./seal-envelope";
import { generateSealP12, getSealKey } from "./seal-key";

// Issue 15: a completed envelope is sealed through the real path (queued job → worker → stored
// file → DocumentSealed), and poppler's pdfsig, a verifier that knows nothing of this app, says
// the seal is valid and covers the whole file; one changed byte makes it say the digest does not match.

let handle: DbHandle;
let w: EnvelopeWorld;
withEnvelopeWorld((opened, world) => ((handle = opened), (w = world)));

const generated: SealingConfig = {
  dataDir: mkdtempSync(path.join(tmpdir(), "seal-data-")),
  sealP12: undefined,
  appUrl: "http://localhost:3000",
};

/** Runs the envelope's queued seal job, as the worker does. */
async function seal(config: SealingConfig, id: string) {
  const run = await runSealJob(handle.db, config, { only: id });
  if (run.status !== "sealed") throw new Error(JSON.stringify(run));
  return handle.db
    .select()
    .from(sealedDocuments)
    .where(eq(sealedDocuments.envelopeId, id))
    .orderBy(sealedDocuments.docRef);
}

/** Flips one bit of the byte at `at`. */
const flip = (bytes: Buffer, at: number) => {
  const copy = Buffer.from(bytes);
  copy[at]! ^= 0x01;
  return copy;
};

function expectValidSeal(report: string, commonName: string) {
  expect(report).toContain("Signature Validation: Signature is Valid.");
  expect(report).toContain("Total document signed");
  expect(report).toContain(`Signer Certificate Common Name: ${commonName}`);
  expect(report).toContain("Signature Type: adbe.pkcs7.detached");
  expect(report).toContain("Signing Hash Algorithm: SHA-256");
}

describe("sealing a completed envelope", () => {
  it("queues the job with the completion, seals each document with the imprints and the certificate; pdfsig says valid, and invalid after one changed byte", async () => {
    const name = `Sealed ${crypto.randomUUID()}`;
    const id = await completeEnvelope(handle.db, w, name);
    const [job] = await handle.db.select().from(sealJobs).where(eq(sealJobs.envelopeId, id));
    expect(job).toMatchObject({ status: "pending", attempts: 0 });

    const docs = await seal(generated, id);
    expect(docs.map((d) => d.docRef)).toEqual([0, 1]);
    const [certificate, sealed] = [docs[0]!, docs[1]!];
    expect(sha256Hex(sealed.content)).toBe(sealed.sha256);

    // The trail: one DocumentSealed per stored file, with its SHA-256.
    const events = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.envelopeId, id), eq(auditEvents.action, "DocumentSealed")));
    expect(events.map((e) => e.data).sort((a, b) => Number(a.docRef) - Number(b.docRef))).toEqual([
      { docRef: 0, name: "certificate.pdf", sha256: certificate.sha256, originalSha256: null },
      expect.objectContaining({ docRef: 1, name: "contract (sealed).pdf", sha256: sealed.sha256 }),
    ]);

    const sealKey = getSealKey(generated);
    expect(sealKey.subject).toBe("Signer Auth (localhost:3000) document seal");
    expectValidSeal(pdfsig(sealed.content), sealKey.subject);
    expectValidSeal(pdfsig(certificate.content), sealKey.subject);

    // The imprints on page 1, the certificate after it.
    const page1 = pdftotext(sealed.content, { first: 1, last: 1 });
    expect(page1).toContain("Alice Anders");
    expect(page1).toContain(ALICE.email);
    expect(page1).toMatch(/Authenticated with an access code, \d{4}-\d\d-\d\d\s+\d\d:\d\d:\d\d UTC/);
    expect(page1).toContain("Signed by click");
    expect(page1).toContain(BOB.email);
    const rest = pdftotext(sealed.content, { first: 2 });
    expect(rest).toContain("Certificate of completion");
    expect(rest).toContain(`Envelope id: ${id}`);
    expect(rest).toMatch(/SHA-256 of the original: [0-9a-f]{64}/);
    expect(rest).toMatch(/access code succeeded, IP 198\.51\.100\.1/);
    expect(rest).toMatch(/Alice Anders, drawn, document 1 page 1 \('Signature'\), IP 198\.51\.100\.1/);
    expect(rest).toMatch(/Bob Brown, by click, document 1 page 1 \('Signature'\), IP 198\.51\.100\.2/);
    expect(rest).toMatch(new RegExp(`Stream: envelope:${id}`));
    expect(rest).toMatch(/Head hash at sealing: [0-9a-f]{64}/);
    expect(rest).toContain(sealKey.fingerprint);

    // One changed byte inside the signed range (the document's own text): the digest no longer matches.
    const at = sealed.content.indexOf("Contract");
    expect(at).toBeGreaterThan(0);
    const tampered = pdfsig(flip(sealed.content, at));
    expect(tampered).toContain("Signature Validation: Digest Mismatch.");
    expect(tampered).not.toContain("Signature is Valid.");
    // And near the end of the file (the second signed range).
    expect(pdfsig(flip(sealed.content, sealed.content.length - 20))).not.toContain("Signature is Valid.");
  });

  it("seals with the operator's certificate given as SEAL_P12_PATH / SEAL_P12_PASSWORD; a wrong password or a bad file stops the start naming the variable", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "seal-p12-"));
    const p12Path = path.join(dir, "company-seal.p12");
    writeFileSync(p12Path, generateSealP12("Example Company e-seal", "p12-Passw0rd", { organization: "Example Co" }));
    const env = { SEAL_P12_PATH: p12Path, SEAL_P12_PASSWORD: "p12-Passw0rd", ENCRYPTION_KEY: "", AUTH_SECRET: "" };
    const config = loadConfig({ ...process.env, ...env, DATA_DIR: dir });
    expect(config.sealP12).toEqual({ path: p12Path, password: "p12-Passw0rd" });

    const id = await completeEnvelope(handle.db, w, `P12 ${crypto.randomUUID()}`);
    const docs = await seal(config, id);
    const report = pdfsig(docs.find((d) => d.docRef === 1)!.content);
    expectValidSeal(report, "Example Company e-seal");
    expect(report).toContain("O=Example Co");
    const at = docs[1]!.content.indexOf("Contract");
    expect(pdfsig(flip(docs[1]!.content, at))).toContain("Digest Mismatch.");

    const wrong = loadConfig({ ...process.env, ...env, DATA_DIR: dir, SEAL_P12_PASSWORD: "not-it" });
    expect(() => getSealKey(wrong)).toThrow(ConfigError);
    expect(() => getSealKey(wrong)).toThrow(/^SEAL_P12_PASSWORD does not open SEAL_P12_PATH/);
    const notP12 = path.join(dir, "not.p12");
    writeFileSync(notP12, "-----BEGIN CERTIFICATE-----\nnope\n");
    expect(() => getSealKey(loadConfig({ ...process.env, ...env, DATA_DIR: dir, SEAL_P12_PATH: notP12 }))).toThrow(
      /^SEAL_P12_PATH is not a PKCS#12 file/,
    );
    const missing = path.join(dir, "missing.p12");
    expect(() => getSealKey(loadConfig({ ...process.env, ...env, DATA_DIR: dir, SEAL_P12_PATH: missing }))).toThrow(
      `SEAL_P12_PATH: cannot read ${missing} (ENOENT)`,
    );
    expect(() => loadConfig({ ...process.env, ...env, DATA_DIR: dir, SEAL_P12_PATH: "" })).toThrow(
      "SEAL_P12_PASSWORD is set but SEAL_P12_PATH is not",
    );
  });
});
