import { describe, expect, it } from "vitest";
import { BACKENDS } from "@/db/test/test-db";
import { pingDatabase } from "./ping-database";

describe.each(BACKENDS)("pinging the database on $backend", ({ backend, open }) => {
  it("answers the kind of a database that answers", async () => {
    const handle = await open();
    try {
      expect(await pingDatabase(handle)).toBe(backend === "PGlite" ? "pglite" : "postgres");
    } finally {
      await handle.close();
    }
  });

  it("throws once the database is gone", async () => {
    const handle = await open();
    await handle.close();
    await expect(pingDatabase(handle)).rejects.toThrow();
  });
});
