import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { auditEvents, sealedDocuments, sealJobs } from "@/db/schema";
import { withEnvelopeWorld, type EnvelopeWorld } from "@/db/test/envelopes";
import { completeEnvelope } from "@/lib/testing/complete-envelope";
import { pdfsig } from "@/lib/testing/pdfsig";
import { runSealJob, type SealingConfig } from "./seal-jobs";

// Issue 15: sealing is durable. A process that has sealed an envelope is SIGKILLed after writing
// the sealed files, the DocumentSealed rows and "done", just before its commit: nothing of it
// remains, the job is still due, and the next run seals the envelope once; a further run finds
// nothing to do. So the envelope ends with exactly one sealed file per document and one
// DocumentSealed row each.

let handle: DbHandle;
let w: EnvelopeWorld;
withEnvelopeWorld((opened, world) => ((handle = opened), (w = world)));

const config: SealingConfig = {
  dataDir: mkdtempSync(path.join(tmpdir(), "seal-durable-")),
  sealP12: undefined,
  appUrl: "http://localhost:3000",
};

/** Starts the sealing child; resolves with the envelope it is about to commit, and the process. */
function startChild(databaseUrl: string, envelopeId: string) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.resolve("lib/testing/seal-child.ts"), databaseUrl, config.dataDir, envelopeId],
    { stdio: ["ignore", "pipe", "pipe"], env: process.env },
  );
  let out = "";
  let err = "";
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /READY ([0-9a-f-]{36})/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on("exit", (code) => reject(new Error(`seal child exited (${code}) before READY: ${out}${err}`)));
  });
  return { child, ready };
}

const counts = async (id: string) => ({
  sealed: (await handle.db.select().from(sealedDocuments).where(eq(sealedDocuments.envelopeId, id))).length,
  audited: (
    await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.envelopeId, id), eq(auditEvents.action, "DocumentSealed")))
  ).length,
  job: (await handle.db.select().from(sealJobs).where(eq(sealJobs.envelopeId, id)))[0],
});

describe("a seal interrupted by SIGKILL", () => {
  it("leaves nothing; the next run seals once, and a further run does nothing", async () => {
    const databaseUrl = inject("databaseUrl");
    if (!databaseUrl) throw new Error("PostgreSQL is not reachable: this test needs it");
    const id = await completeEnvelope(handle.db, w, `Durable ${crypto.randomUUID()}`);

    const { child, ready } = startChild(databaseUrl, id);
    expect(await ready).toBe(id);
    // The child holds the job's row lock with everything written but not committed: another
    // worker skips the locked job rather than sealing it a second time.
    expect(await runSealJob(handle.db, config, { only: id })).toEqual({ status: "idle" });
    const exited = new Promise((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    const after = await counts(id);
    expect(after).toMatchObject({ sealed: 0, audited: 0, job: { status: "pending", attempts: 0 } });

    // The process starts again: its worker finds the job due and seals it, once.
    expect(await runSealJob(handle.db, config, { only: id })).toEqual({ status: "sealed", envelopeId: id });
    expect(await runSealJob(handle.db, config, { only: id })).toEqual({ status: "idle" });
    const sealed = await counts(id);
    expect(sealed).toMatchObject({ sealed: 2, audited: 2, job: { status: "done", attempts: 1 } });
    const [doc] = await handle.db
      .select()
      .from(sealedDocuments)
      .where(and(eq(sealedDocuments.envelopeId, id), eq(sealedDocuments.docRef, 1)));
    expect(pdfsig(doc!.content)).toContain("Signature Validation: Signature is Valid.");
  }, 60_000);
});
