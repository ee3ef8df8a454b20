import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectCleanResult, hostileString } from "@/lib/testing/schema-properties";
import { parseSecurityLogQuery, ZSecurityLogQuery } from "./schema";

// Issue 8, hostile input: the Security log's query string (page and GET /api/v6/audit-trail/security-log).

describe("security log query: properties", () => {
  const keys = fc.constantFrom(
    "from",
    "to",
    "action",
    "actor",
    "provider",
    "before",
    "limit",
    "__proto__",
    "constructor",
    "x",
  );

  it("any query string gives a clean result, through the page's reader too", () => {
    fc.assert(
      fc.property(
        fc.dictionary(keys, fc.oneof(hostileString, fc.array(hostileString, { maxLength: 2 })), { maxKeys: 7 }),
        (params) => {
          expectCleanResult(
            ZSecurityLogQuery,
            Object.fromEntries(Object.entries(params).filter(([, v]) => typeof v === "string")),
          );
          expect(() => parseSecurityLogQuery(params)).not.toThrow();
        },
      ),
      { numRuns: 300 },
    );
  });

  it("valid filters parse, and a parsed limit stays within 1..500", () => {
    const valid = fc.record(
      {
        from: fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }).map((d) => d.toISOString()),
        action: fc.string({ maxLength: 100 }),
        provider: fc.uuid(),
        before: fc.integer({ min: 1 }).map(String),
        limit: fc.integer({ min: 1, max: 500 }).map(String),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(valid, (params) => {
        const result = expectCleanResult(ZSecurityLogQuery, params);
        expect(result.success).toBe(true);
        if (result.success) expect(result.data.limit).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });
});
