import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { BACKENDS, uniqueEmail } from "@/db/test/test-db";
import { emitAudit } from "./emit-audit";
import { listSecurityLog } from "./list-events";
import { ZSecurityLogQuery, type TSecurityLogQuery } from "./schema";

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(BACKENDS)("security log on $backend", ({ open }) => {
  let handle: DbHandle;
  const actor = uniqueEmail("log");
  const marks: Date[] = [];
  beforeAll(async () => {
    handle = await open();
    for (let i = 0; i < 3; i++) {
      marks.push(new Date());
      await pause(15);
      await emitAudit(
        handle.db,
        { actor: { kind: "anonymous" }, ip: null },
        {
          action: "LoginFailed",
          data: { email: actor, method: "password", reason: `attempt ${i}` },
          actorLabel: actor,
        },
      );
      await pause(15);
    }
    marks.push(new Date());
  });
  afterAll(async () => {
    await handle.close();
  });

  const reasons = async (q: TSecurityLogQuery) =>
    (await listSecurityLog(handle.db, ZSecurityLogQuery.parse({ actor, ...q }))).items.map(
      (r) => (r.data as { reason: string }).reason,
    );

  it("lists newest first and pages with `before`", async () => {
    expect(await reasons({})).toEqual(["attempt 2", "attempt 1", "attempt 0"]);
    const first = await listSecurityLog(handle.db, ZSecurityLogQuery.parse({ actor, limit: 2 }));
    expect(first.items).toHaveLength(2);
    expect(await reasons({ before: first.nextBefore!, limit: 2 })).toEqual(["attempt 0"]);
  });

  it("filters by a time range, on both edges", async () => {
    expect(await reasons({ from: marks[1] })).toEqual(["attempt 2", "attempt 1"]);
    expect(await reasons({ to: marks[2] })).toEqual(["attempt 1", "attempt 0"]);
    expect(await reasons({ from: marks[1], to: marks[2] })).toEqual(["attempt 1"]);
    expect(await reasons({ from: new Date(Date.now() + 60_000) })).toEqual([]);
    expect(await reasons({ to: new Date(0) })).toEqual([]);
  });

  it("filters by action", async () => {
    expect(await reasons({ action: "LoginSucceeded" })).toEqual([]);
    expect(await reasons({ action: "LoginFailed" })).toHaveLength(3);
  });
});
