import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "./client";
import { preparedStatement } from "./prepared";
import { instanceSettings } from "./schema";
import { BACKENDS } from "./test/test-db";

describe.each(BACKENDS)("prepared statements on $backend", ({ open }) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await open();
  });
  afterAll(async () => {
    await handle.close();
  });
  let builds = 0;
  const readSetting = preparedStatement((db) => {
    builds++;
    return db
      .select({ value: instanceSettings.value })
      .from(instanceSettings)
      .where(eq(instanceSettings.key, sql.placeholder("key")))
      .prepare("test_read_setting");
  });
  const key = () => `prepared-test-${Math.random().toString(36).slice(2)}`;

  it("builds once per database and binds each call's values", async () => {
    const [a, b] = [key(), key()];
    await handle.db.insert(instanceSettings).values([
      { key: a, value: { n: 1 } },
      { key: b, value: { n: 2 } },
    ]);
    builds = 0;
    expect(await readSetting(handle.db, { key: a })).toEqual([{ value: { n: 1 } }]);
    expect(await readSetting(handle.db, { key: b })).toEqual([{ value: { n: 2 } }]);
    expect(await readSetting(handle.db, { key: "none" })).toEqual([]);
    expect(builds).toBeLessThanOrEqual(1);
  });

  it("inside a transaction it runs on the transaction: sees its uncommitted rows, which a rollback takes away", async () => {
    const k = key();
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.insert(instanceSettings).values({ key: k, value: { n: 3 } });
        expect(await readSetting(tx, { key: k })).toEqual([{ value: { n: 3 } }]);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await readSetting(handle.db, { key: k })).toEqual([]);
  });
});
