import { eq, sql } from "drizzle-orm";
import { sealedDocuments, sealJobs } from "@/db/schema";
import type { Db } from "@/db/client";
import { emitAuditBatch } from "@/lib/audit/emit-audit";
import type { AppConfig } from "@/lib/config";
import { systemCtx } from "@/lib/context";
import { loadSealEvidence } from "./evidence";
import { sealEnvelope } from "./seal-envelope";
import { getSealKey } from "./seal-key";

// The seal worker. A completed envelope's job is queued in the transaction that completes it
// (lib/envelopes/advance-envelope.ts); here one transaction claims it (FOR UPDATE SKIP LOCKED, so
// instances never seal one envelope twice at once), seals every document, stores them, audits
// DocumentSealed and marks the job done. A crash before that commit leaves the job pending and
// nothing written: the envelope is sealed again, once.

export type SealingConfig = Pick<AppConfig, "dataDir" | "sealP12" | "appUrl">;
export type SealRun =
  | { status: "idle" }
  | { status: "sealed"; envelopeId: string }
  | { status: "failed"; envelopeId: string; error: string };

const MAX_ATTEMPTS = 8;

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows);

/** Seals the oldest due envelope (or the one named `only`), if any. `beforeCommit` lets a test stop the process at the worst moment. */
export async function runSealJob(
  db: Db,
  config: SealingConfig,
  opts: { beforeCommit?: (envelopeId: string) => Promise<void>; only?: string } = {},
): Promise<SealRun> {
  const key = getSealKey(config);
  let claimed: string | null = null;
  try {
    return await db.transaction(async (tx) => {
      const [job] = rowsOf<{ envelope_id: string }>(
        await tx.execute(sql`
          select envelope_id from seal_jobs
          where status = 'pending' and next_attempt_at <= now() ${opts.only ? sql`and envelope_id = ${opts.only}` : sql``}
          order by created_at limit 1 for update skip locked`),
      );
      if (!job) return { status: "idle" } as const;
      const envelopeId = (claimed = job.envelope_id);
      const evidence = await loadSealEvidence(tx, envelopeId);
      if (!evidence) throw new Error("the envelope is gone");
      const sealedAt = new Date();
      const outputs = await sealEnvelope(evidence, { key, sealedAt, instance: new URL(config.appUrl).host });
      await tx.insert(sealedDocuments).values(
        outputs.map((o) => ({
          envelopeId,
          docRef: o.docRef,
          sha256: o.sha256,
          size: o.bytes.length,
          content: o.bytes,
        })),
      );
      await emitAuditBatch(
        tx,
        systemCtx(tx),
        outputs.map((o) => ({
          action: "DocumentSealed" as const,
          envelopeId,
          actorLabel: "system",
          data: { docRef: o.docRef, name: o.name, sha256: o.sha256, originalSha256: o.originalSha256 },
        })),
      );
      await tx
        .update(sealJobs)
        .set({ status: "done", doneAt: sql`now()`, attempts: sql`${sealJobs.attempts} + 1`, lastError: null })
        .where(eq(sealJobs.envelopeId, envelopeId));
      await opts.beforeCommit?.(envelopeId);
      return { status: "sealed", envelopeId } as const;
    });
  } catch (err) {
    if (!claimed) throw err;
    const error = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    await db
      .update(sealJobs)
      .set({
        attempts: sql`${sealJobs.attempts} + 1`,
        lastError: error,
        status: sql`case when ${sealJobs.attempts} + 1 >= ${MAX_ATTEMPTS} then 'failed' else 'pending' end`,
        nextAttemptAt: sql`now() + least(3600, 10 * power(2, ${sealJobs.attempts})) * interval '1 second'`,
      })
      .where(eq(sealJobs.envelopeId, claimed));
    return { status: "failed", envelopeId: claimed, error };
  }
}

/** Runs due seal jobs until none is left. */
export async function sealDueEnvelopes(db: Db, config: SealingConfig, limit = 20): Promise<SealRun[]> {
  const runs: SealRun[] = [];
  for (let i = 0; i < limit; i++) {
    const run = await runSealJob(db, config);
    if (run.status === "idle") break;
    runs.push(run);
  }
  return runs;
}

/** The seal worker of every server process: due jobs are sealed every few seconds. */
export function startSealing(db: Db, config: SealingConfig, everyMs = 2000): void {
  const g = globalThis as { __sealTimer?: NodeJS.Timeout };
  if (g.__sealTimer) return;
  let running = false;
  g.__sealTimer = setInterval(() => {
    if (running) return;
    running = true;
    sealDueEnvelopes(db, config)
      .then((runs) => {
        for (const r of runs)
          if (r.status === "failed") console.error(`[sealing] envelope ${r.envelopeId} not sealed: ${r.error}`);
      })
      .catch((err: unknown) => console.error("[sealing] run failed:", err instanceof Error ? err.message : err))
      .finally(() => (running = false));
  }, everyMs);
  g.__sealTimer.unref();
}
