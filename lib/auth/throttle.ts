import { and, gt, inArray, sql } from "drizzle-orm";
import { authThrottle } from "@/db/schema";
import type { Db, Tx } from "@/db/client";

/** Failed sign-ins allowed per key within the window before it is locked for LOCK_MINUTES. */
export const LIMITS = { account: 5, ip: 30 } as const;
const WINDOW_MINUTES = 15;
const LOCK_MINUTES = 15;

export const throttleKeys = (email: string, ip: string | null) => ({
  account: `email:${email.trim().toLowerCase()}`,
  ip: ip ? `ip:${ip}` : null,
});

export async function isLocked(db: Db | Tx, keys: string[]): Promise<boolean> {
  const rows = await db
    .select({ key: authThrottle.key })
    .from(authThrottle)
    .where(and(inArray(authThrottle.key, keys), gt(authThrottle.lockedUntil, sql`now()`)));
  return rows.length > 0;
}

// One statement per failure, so concurrent attempts from several instances all count.
export async function recordFailure(db: Db | Tx, key: string, limit: number): Promise<void> {
  const window = sql.raw(`interval '${WINDOW_MINUTES} minutes'`);
  const lock = sql.raw(`interval '${LOCK_MINUTES} minutes'`);
  await db.execute(sql`
    insert into auth_throttle (key, failures, window_start) values (${key}, 1, now())
    on conflict (key) do update set
      failures = case when auth_throttle.window_start < now() - ${window} then 1 else auth_throttle.failures + 1 end,
      window_start = case when auth_throttle.window_start < now() - ${window} then now() else auth_throttle.window_start end,
      locked_until = case
        when (case when auth_throttle.window_start < now() - ${window} then 1 else auth_throttle.failures + 1 end) >= ${limit}
        then now() + ${lock} else auth_throttle.locked_until end`);
}

export async function clearFailures(db: Db | Tx, key: string): Promise<void> {
  await db.delete(authThrottle).where(inArray(authThrottle.key, [key]));
}
