import { describe, expect, it } from "vitest";
import { createSlots } from "./hash-slots";

const tick = () => new Promise((r) => setTimeout(r, 1));

describe("createSlots: the bound on concurrent argon2 work", () => {
  it("never runs more than its limit at once, and a waiting sign-in goes before waiting bulk work", async () => {
    const slots = createSlots(2);
    let running = 0;
    let most = 0;
    const order: string[] = [];
    const job = (name: string) => async () => {
      running++;
      most = Math.max(most, running);
      await tick();
      order.push(name);
      running--;
    };
    const bulk = Array.from({ length: 8 }, (_, i) => slots.run("bulk", job(`bulk${i}`)));
    await Promise.resolve();
    expect(slots.load()).toEqual({ running: 2, waiting: 6 });
    const signIn = slots.run("interactive", job("sign-in"));
    await Promise.all([...bulk, signIn]);
    expect(most).toBe(2);
    // Two bulk jobs held the slots when the sign-in came; it ran next, before the six still waiting.
    expect(order.indexOf("sign-in")).toBeLessThanOrEqual(3);
    expect(order.slice(-6).every((n) => n.startsWith("bulk"))).toBe(true);
    expect(slots.load()).toEqual({ running: 0, waiting: 0 });
  });

  it("frees the slot when the work fails", async () => {
    const slots = createSlots(1);
    await expect(slots.run("bulk", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await slots.run("interactive", async () => "next")).toBe("next");
    expect(slots.load()).toEqual({ running: 0, waiting: 0 });
  });

  it("refuses a limit below one", () => {
    expect(() => createSlots(0)).toThrow();
  });
});
