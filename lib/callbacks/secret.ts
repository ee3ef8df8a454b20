import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { instanceSettings } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { emitAudit } from "@/lib/audit/emit-audit";
import type { Ctx } from "@/lib/context";
import { needsReseal, open, seal } from "@/lib/crypto/secret-box";

// The per-instance secret that signs status callbacks: made once (the first instance to need it
// wins the insert), kept sealed with ENCRYPTION_KEY in instance_settings, shown only to an
// administrator on Settings → Api Tokens and Apps, rotated there. Never logged, never audited.

const KEY = "callback_signing_secret";
const AAD = `instance_settings:${KEY}`;
type Stored = { sealed: string };

const fresh = () => `whsec_${randomBytes(32).toString("base64url")}`;

/** The secret, made on first use. `keys[0]` seals a new one; any of `keys` opens the stored one. */
export async function callbackSecret(db: Db | Tx, keys: Buffer[]): Promise<string> {
  const read = async () => {
    const [row] = await db.select().from(instanceSettings).where(eq(instanceSettings.key, KEY));
    return row ? open((row.value as Stored).sealed, keys, AAD) : null;
  };
  const existing = await read();
  if (existing) return existing;
  await db
    .insert(instanceSettings)
    .values({ key: KEY, value: { sealed: seal(fresh(), keys[0]!, AAD) } satisfies Stored })
    .onConflictDoNothing();
  return (await read())!;
}

/** A new secret; calls signed from now on use it (integrators must update their copy). Audited without either value. */
export async function rotateCallbackSecret(ctx: Ctx, key: Buffer): Promise<void> {
  const value: Stored = { sealed: seal(fresh(), key, AAD) };
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(instanceSettings)
      .values({ key: KEY, value })
      .onConflictDoUpdate({ target: instanceSettings.key, set: { value, updatedAt: sql`now()` } });
    await emitAudit(tx, ctx, {
      action: "InstanceSettingChanged",
      data: { key: KEY, changes: [{ field: "callback signing secret", from: "(hidden)", to: "(rotated)" }] },
    });
  });
}

/** Key rotation: the stored secret sealed again with `keys[0]` (the secret itself unchanged); 1 when it was. */
export async function resealCallbackSecret(tx: Tx, keys: Buffer[]): Promise<number> {
  const [row] = await tx.select().from(instanceSettings).where(eq(instanceSettings.key, KEY)).for("update");
  const sealed = (row?.value as Stored | undefined)?.sealed;
  if (!sealed || !needsReseal(sealed, keys[0]!)) return 0;
  const value: Stored = { sealed: seal(open(sealed, keys, AAD), keys[0]!, AAD) };
  await tx
    .update(instanceSettings)
    .set({ value, updatedAt: sql`now()` })
    .where(eq(instanceSettings.key, KEY));
  return 1;
}
