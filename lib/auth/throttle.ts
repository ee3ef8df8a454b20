import { and, eq, gt, inArray, sql } from "drizzle-orm";
import ipaddr from "ipaddr.js";
import { authThrottle } from "@/db/schema";
import type { Db, Tx } from "@/db/client";

/**
 * Security rule: failed sign-ins slow down the place they come from, never the account's owner
 * elsewhere. Two counters per failure, each with growing waits instead of a lock:
 * - the account from this client address: after `free` failures, each further failure makes the
 *   address wait 1 s, 2 s, 4 s, … up to 15 minutes before it may try that account again, even
 *   with the right password; the right password from an address with no failures signs in;
 * - the client address across all accounts (password spraying), with a higher allowance.
 * There is no account-wide counter: any limit that refuses the right password from every address
 * is the lockout an attacker wants. A spread attack is bounded by the per-address waits (an IPv6
 * client counts as its /64, which one subscriber usually holds whole) and by the cost of each
 * password check. A success clears the account's counter for that address only.
 */
export const RULES = {
  accountFromAddress: { free: 5, windowHours: 24 },
  address: { free: 50, windowHours: 1 },
} as const;
export type ThrottleRule = (typeof RULES)[keyof typeof RULES];
export const MAX_DELAY_SECONDS = 15 * 60;

/** Seconds an address must wait after its `failures`-th failure: 0 while within `free`, then 1, 2, 4, … capped. */
export function delayAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(2 ** Math.min(failures - free, 30), MAX_DELAY_SECONDS);
}

/** The address a counter is kept for: IPv4 as is, IPv6 as its /64; none known → one shared "unknown". */
export function clientKey(ip: string | null): string {
  if (!ip || !ipaddr.isValid(ip)) return "unknown";
  const addr = ipaddr.parse(ip);
  if (addr.kind() === "ipv4") return addr.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${addr.toString()}/64`).toString()}/64`;
}

export type ThrottleKeys = { accountFromAddress: string; address: string | null };

export const throttleKeys = (email: string, ip: string | null): ThrottleKeys => {
  const client = clientKey(ip);
  return {
    accountFromAddress: `account:${email.trim().toLowerCase()} from:${client}`,
    address: client === "unknown" ? null : `from:${client}`,
  };
};

const keyList = (keys: ThrottleKeys) => [keys.accountFromAddress, ...(keys.address ? [keys.address] : [])];

/** Whether this attempt must wait: any of its counters still running its wait. */
export async function mustWait(db: Db | Tx, keys: ThrottleKeys): Promise<boolean> {
  const rows = await db
    .select({ key: authThrottle.key })
    .from(authThrottle)
    .where(and(inArray(authThrottle.key, keyList(keys)), gt(authThrottle.lockedUntil, sql`now()`)));
  return rows.length > 0;
}

// One upsert per counter, so concurrent failures on several instances all count; then the wait
// of the count this failure reached (a concurrent later failure's longer wait is not shortened).
async function countFailure(db: Db | Tx, key: string, rule: ThrottleRule): Promise<void> {
  const window = sql.raw(`interval '${rule.windowHours} hours'`);
  const rows = await db.execute(sql`
    insert into auth_throttle (key, failures, window_start) values (${key}, 1, now())
    on conflict (key) do update set
      failures = case when auth_throttle.window_start < now() - ${window} then 1 else auth_throttle.failures + 1 end,
      window_start = case when auth_throttle.window_start < now() - ${window} then now() else auth_throttle.window_start end,
      locked_until = case when auth_throttle.window_start < now() - ${window} then null else auth_throttle.locked_until end
    returning failures`);
  const failures = Number((Array.isArray(rows) ? rows : (rows as { rows: { failures: number }[] }).rows)[0]!.failures);
  const delay = delayAfter(failures, rule.free);
  if (delay === 0) return;
  await db
    .update(authThrottle)
    .set({ lockedUntil: sql`now() + make_interval(secs => ${delay})` })
    .where(and(eq(authThrottle.key, key), eq(authThrottle.failures, failures)));
}

export async function recordFailure(db: Db | Tx, keys: ThrottleKeys): Promise<void> {
  await countFailure(db, keys.accountFromAddress, RULES.accountFromAddress);
  if (keys.address) await countFailure(db, keys.address, RULES.address);
}

/** After the right password: this address starts afresh for this account (not for others). */
export async function clearFailures(db: Db | Tx, keys: ThrottleKeys): Promise<void> {
  await db.delete(authThrottle).where(eq(authThrottle.key, keys.accountFromAddress));
}
