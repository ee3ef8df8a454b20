import { describe, expect, it } from "vitest";
import { planWorkers } from "./workers";

describe("planWorkers", () => {
  it("runs one worker per core on PostgreSQL when WEB_CONCURRENCY is unset", () => {
    expect(planWorkers({ cores: 2, embedded: false })).toEqual({ count: 2 });
    expect(planWorkers({ cores: 8, embedded: false, webConcurrency: "" })).toEqual({ count: 8 });
  });

  it("takes WEB_CONCURRENCY over the core count", () => {
    expect(planWorkers({ cores: 2, embedded: false, webConcurrency: "3" })).toEqual({ count: 3 });
    expect(planWorkers({ cores: 8, embedded: false, webConcurrency: " 1 " })).toEqual({ count: 1 });
  });

  it("runs one worker on the embedded database and says why when more were asked", () => {
    expect(planWorkers({ cores: 4, embedded: true })).toEqual({ count: 1 });
    const plan = planWorkers({ cores: 4, embedded: true, webConcurrency: "2" });
    expect(plan.count).toBe(1);
    expect(plan.note).toMatch(/WEB_CONCURRENCY=2 needs PostgreSQL.*DATABASE_URL/);
  });

  it.each(["0", "-1", "two", "1.5", "65"])("refuses WEB_CONCURRENCY=%s with the variable's name", (value) => {
    expect(() => planWorkers({ cores: 2, embedded: false, webConcurrency: value })).toThrow(
      `WEB_CONCURRENCY must be a whole number from 1 to 64, got "${value}"`,
    );
  });
});
