// A counting semaphore with two lanes: waiters of the "interactive" lane (a person waiting on a
// sign-in) are served before those of the "bulk" lane (an envelope's access codes), FIFO in each.

export type HashLane = "interactive" | "bulk";

export type Slots = {
  run<T>(lane: HashLane, work: () => Promise<T>): Promise<T>;
  /** How many run now and how many wait, for benches and tests. */
  load(): { running: number; waiting: number };
};

export function createSlots(limit: number): Slots {
  if (!Number.isInteger(limit) || limit < 1) throw new Error("A semaphore needs at least one slot");
  let running = 0;
  const waiting: Record<HashLane, (() => void)[]> = { interactive: [], bulk: [] };
  // A finished holder hands its slot straight to the next waiter, so `running` never overshoots.
  const release = () => {
    const next = waiting.interactive.shift() ?? waiting.bulk.shift();
    if (next) next();
    else running--;
  };
  return {
    async run(lane, work) {
      if (running < limit) running++;
      else await new Promise<void>((resolve) => waiting[lane].push(resolve));
      try {
        return await work();
      } finally {
        release();
      }
    },
    load: () => ({ running, waiting: waiting.interactive.length + waiting.bulk.length }),
  };
}
