import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { openPgliteTestDb, openPostgresTestDb } from "@/db/test/test-db";
import { emitAudit } from "./emit-audit";
import { envelopeStream } from "./events";
import { verifyAuditStream } from "./verify-stream";

const WRITERS = 20;
// 3,000 interleaved transactions per case: enough to fork or gap a chain that could, a third of the suite time of 10,000.
const EVENTS_EACH = 150;
const ctx = { actor: { kind: "system" as const }, ip: null };

async function writeFrom(handles: DbHandle[], streamFor: (writer: number) => string, eventsEach: number) {
  await Promise.all(
    handles.map(async (h, writer) => {
      for (let i = 0; i < eventsEach; i++) {
        // One transaction per event, as a real change would be.
        await h.db.transaction((tx) =>
          emitAudit(tx, ctx, {
            action: "PageViewChanged",
            envelopeId: streamFor(writer).slice(9),
            data: { page: i + 1 },
          }),
        );
      }
    }),
  );
}

async function seqsOf(handle: DbHandle, stream: string): Promise<number[]> {
  const rows = await handle.db.execute<{ seq: number }>(
    sql`select seq::int as seq from audit_events where stream = ${stream} order by seq`,
  );
  return (Array.isArray(rows) ? rows : (rows as unknown as { rows: { seq: number }[] }).rows).map((r) => r.seq);
}

describe(`concurrent writers on PostgreSQL (${WRITERS} connections × ${EVENTS_EACH} events)`, () => {
  let handles: DbHandle[];
  beforeAll(async () => {
    handles = await Promise.all(Array.from({ length: WRITERS }, () => openPostgresTestDb(1)));
  });
  afterAll(async () => {
    await Promise.all(handles.map((h) => h.close()));
  });

  it("leave one valid chain, no fork and no gap, in a shared stream", async () => {
    const stream = envelopeStream(randomUUID());
    await writeFrom(handles, () => stream, EVENTS_EACH);
    const total = WRITERS * EVENTS_EACH;
    expect(await seqsOf(handles[0]!, stream)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(await verifyAuditStream(handles[0]!.db, stream)).toMatchObject({ valid: true, count: total });
  }, 120_000);

  it("leave one valid chain per stream when each writes its own", async () => {
    const streams = handles.map(() => envelopeStream(randomUUID()));
    await writeFrom(handles, (w) => streams[w]!, EVENTS_EACH);
    for (const stream of streams) {
      expect(await verifyAuditStream(handles[0]!.db, stream)).toMatchObject({ valid: true, count: EVENTS_EACH });
    }
  }, 120_000);
});

describe("concurrent writers on PGlite", () => {
  it("interleaved transactions leave one valid chain", async () => {
    const handle = await openPgliteTestDb();
    try {
      const stream = envelopeStream(randomUUID());
      await writeFrom(
        Array.from({ length: 10 }, () => handle),
        () => stream,
        30,
      );
      expect(await verifyAuditStream(handle.db, stream)).toMatchObject({ valid: true, count: 300 });
    } finally {
      await handle.close();
    }
  });
});
