// What one envelope request costs in argon2 CPU (issue 13 item 5), on real PostgreSQL, in
// process (process.cpuUsage counts the libuv threads that hash): the largest accepted request
// (MAX_RECIPIENTS recipients, each with an access code and an SMS code, over MAX_STEPS steps), the
// issue's oversized request (100 steps × 50 recipients × 20 access codes, refused by the schema),
// a schema-valid request refused after its lookups (a foreign file), and password checks (a
// sign-in's argon2 verify) timed alone and while CONCURRENT largest requests hash.
//   npx tsx bench/envelope-hashing.ts            (CONCURRENT=4 SIGNINS=20 to change the load)
import { randomUUID } from "node:crypto";
import { openDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { users } from "../db/schema";
import { createTestDatabase } from "../db/test/databases";
import { HASH_SLOTS, hashingCounts, hashPassword, verifyPassword } from "../lib/crypto/password";
import type { EnvelopeCtx, Sender } from "../lib/envelopes/context";
import { createEnvelope } from "../lib/envelopes/create-envelope";
import { samplePdf } from "../lib/envelopes/pdf";
import { MAX_RECIPIENTS, MAX_STEPS, ZSendEnvelopeRequest } from "../lib/envelopes/schema";
import { storeFile } from "../lib/envelopes/store-file";
import { report, round, summarise } from "./lib";

const CONCURRENT = Number(process.env.CONCURRENT ?? 4);
const SIGNINS = Number(process.env.SIGNINS ?? 20);

/** CPU (user + system, every thread of the process) and wall time of `work`, and the argon2 calls it made. */
async function measure<T>(work: () => Promise<T>) {
  const before = hashingCounts();
  const cpu = process.cpuUsage();
  const t = performance.now();
  const result = await work();
  const used = process.cpuUsage(cpu);
  const after = hashingCounts();
  return {
    result,
    cpuMs: round((used.user + used.system) / 1000),
    wallMs: round(performance.now() - t),
    argon2Hashes: after.hashes - before.hashes,
  };
}

const recipientsOver = (steps: number, total: number) =>
  Array.from({ length: steps }, (_, s) => Math.floor(total / steps) + (s < total % steps ? 1 : 0));

function largestAccepted(fileId: string) {
  return {
    SspFileIds: [fileId],
    SendEnvelopeDescription: {
      Name: "Largest",
      Steps: recipientsOver(MAX_STEPS, MAX_RECIPIENTS).map((n, s) => ({
        OrderIndex: s + 1,
        Recipients: Array.from({ length: n }, (_, r) => ({
          Email: `s${s}r${r}@example.test`,
          PhoneNumber: "+41790000000",
          AuthenticationMethods: [
            { Method: "AccessCode", Parameter: `code-${s}-${r}` },
            { Method: "SmsCode", Parameter: "" },
          ],
        })),
      })),
    },
  };
}

function issueOversized(fileId: string) {
  return {
    SspFileIds: [fileId],
    SendEnvelopeDescription: {
      Name: "Oversized",
      Steps: Array.from({ length: 100 }, (_, s) => ({
        OrderIndex: s + 1,
        Recipients: Array.from({ length: 50 }, (_, r) => ({
          Email: `s${s}r${r}@example.test`,
          AuthenticationMethods: Array.from({ length: 20 }, (_, m) => ({
            Method: "AccessCode",
            Parameter: `code-${m}`,
          })),
        })),
      })),
    },
  };
}

const database = await createTestDatabase("bench");
const handle = await openDatabase({ databaseUrl: database.url, maxConnections: CONCURRENT + 2 });
try {
  await migrateDatabase(handle, database.url);
  const [user] = await handle.db
    .insert(users)
    .values({ email: `sender.${randomUUID()}@example.test`, firstName: "Sam", lastName: "Sender" })
    .returning();
  const sender: Sender = { userId: user!.id, email: user!.email, name: "Sam Sender" };
  const key = Buffer.alloc(32, 7);
  const ctx: EnvelopeCtx = {
    db: handle.db,
    actor: { kind: "user", userId: sender.userId, email: sender.email },
    ip: "192.0.2.1",
    userAgent: "bench",
    config: { appUrl: "http://localhost:3000", smtpUrl: undefined, mailFrom: "x@example.test", encryptionKey: key },
  };
  const { FileId } = await storeFile(ctx, { name: "c.pdf", bytes: samplePdf("Bench") });

  // As a route gets it: the JSON text parsed, then the schema, then the operation.
  const send = (text: string, mode: "send" | "draft") => async () => {
    const parsed = ZSendEnvelopeRequest.safeParse(JSON.parse(text));
    if (!parsed.success) return { status: 400, issues: parsed.error.issues.length };
    try {
      await createEnvelope(ctx, sender, parsed.data, mode);
      return { status: 201, issues: 0 };
    } catch (e) {
      return { status: 400, issues: ((e as { details?: unknown[] }).details ?? []).length };
    }
  };
  await measure(send(JSON.stringify(largestAccepted(FileId)), "draft")); // warm-up: modules, connections, the first hash

  const largestText = JSON.stringify(largestAccepted(FileId));
  const oversizedText = JSON.stringify(issueOversized(FileId));
  const foreign = largestAccepted(FileId);
  foreign.SspFileIds = [randomUUID()];
  const foreignText = JSON.stringify(foreign);

  const largest = await measure(send(largestText, "send"));
  const oversized = await measure(send(oversizedText, "send"));
  const refusedAfterLookups = await measure(send(foreignText, "send"));

  const password = await hashPassword("correct horse battery staple");
  const signIns = async () => {
    const ms: number[] = [];
    for (let i = 0; i < SIGNINS; i++) {
      const t = performance.now();
      if (!(await verifyPassword(password, "correct horse battery staple"))) throw new Error("verify failed");
      ms.push(performance.now() - t);
    }
    return summarise(ms);
  };
  const alone = await signIns();
  const load = Promise.all(Array.from({ length: CONCURRENT }, () => send(largestText, "draft")()));
  const underLoad = await signIns();
  const loadWall = await measure(() => load);

  report("envelope-hashing", {
    hashSlots: HASH_SLOTS,
    largestAccepted: {
      steps: MAX_STEPS,
      recipients: MAX_RECIPIENTS,
      bodyBytes: largestText.length,
      status: largest.result.status,
      cpuMs: largest.cpuMs,
      wallMs: largest.wallMs,
      argon2Hashes: largest.argon2Hashes,
    },
    refusedOversized: {
      shape: "100 steps × 50 recipients × 20 AccessCode",
      bodyBytes: oversizedText.length,
      status: oversized.result.status,
      issues: oversized.result.issues,
      cpuMs: oversized.cpuMs,
      wallMs: oversized.wallMs,
      argon2Hashes: oversized.argon2Hashes,
    },
    refusedAfterLookups: {
      shape: "largest accepted, naming a foreign file",
      status: refusedAfterLookups.result.status,
      issues: refusedAfterLookups.result.issues,
      cpuMs: refusedAfterLookups.cpuMs,
      wallMs: refusedAfterLookups.wallMs,
      argon2Hashes: refusedAfterLookups.argon2Hashes,
    },
    signInVerifyMs: {
      alone,
      [`while${CONCURRENT}LargestRequestsHash`]: underLoad,
      loadStillRunningAfterSignInsMs: loadWall.wallMs,
    },
  });
} finally {
  await handle.close();
  await database.drop();
}
