import { availableParallelism } from "node:os";
import { hash, verify } from "@node-rs/argon2";
import { createSlots, type HashLane } from "./hash-slots";

// Security rule: every argon2 call of the process goes through these few slots (about half the
// cores), so no request, however many access codes it carries, can take every core and the
// libuv pool from password sign-ins; sign-ins ("interactive") are served before "bulk" work.
export const HASH_SLOTS = Math.max(2, Math.floor(availableParallelism() / 2));
const slots = createSlots(HASH_SLOTS);

// Counted per process: benches and tests read how many hashes a request cost (and that a refused one cost none).
const counts = { hashes: 0, verifies: 0 };
export const hashingCounts = () => ({ ...counts, ...slots.load() });

// Argon2id with the library's defaults (OWASP's minimum: m=19 MiB, t=2, p=1).
export function hashPassword(password: string, lane: HashLane = "interactive"): Promise<string> {
  return slots.run(lane, () => {
    counts.hashes++;
    return hash(password);
  });
}

function verifyInSlot(storedHash: string, password: string): Promise<boolean> {
  return slots.run("interactive", () => {
    counts.verifies++;
    return verify(storedHash, password).catch(() => false);
  });
}

// A fixed hash checked when the account does not exist, so both answers take the same time.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hashPassword("timing-equaliser-not-a-password");
    await verifyInSlot(await dummyHash, password);
    return false;
  }
  return verifyInSlot(storedHash, password);
}
