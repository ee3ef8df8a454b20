import { and, eq, isNull, sql } from "drizzle-orm";
import { oauthTransactions, type OAuthTransactionRow } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { open } from "@/lib/crypto/secret-box";
import { FlowError } from "@/lib/oauth/types";
import { sha256, transactionAad } from "./start-flow";

export type ConsumedTransaction = { row: OAuthTransactionRow; nonce: string; codeVerifier: string };

/**
 * The callback's first act: the transaction named by `state` is marked used by one conditional
 * UPDATE, so of two concurrent callbacks exactly one gets it. Then it must belong to this
 * browser, this provider (mix-up defence), and still be fresh.
 */
export async function consumeTransaction(
  db: Db | Tx,
  input: { state: string | null; browserToken: string | null; providerId: string },
  encryptionKeys: Buffer[],
): Promise<ConsumedTransaction> {
  if (!input.state) throw new FlowError("callback", "the callback carries no state", "Start the sign-in again from the app.");
  const [row] = await db
    .update(oauthTransactions)
    .set({ usedAt: sql`now()` })
    .where(and(eq(oauthTransactions.stateHash, sha256(input.state)), isNull(oauthTransactions.usedAt)))
    .returning();
  if (!row) {
    const [seen] = await db.select({ id: oauthTransactions.id }).from(oauthTransactions).where(eq(oauthTransactions.stateHash, sha256(input.state)));
    throw new FlowError("callback", seen ? "this sign-in was already completed (state replayed)" : "unknown state", "Start the sign-in again from the app.");
  }
  if (!input.browserToken || sha256(input.browserToken) !== row.browserHash) {
    throw new FlowError("callback", "the sign-in was started in another browser", "Open the link and finish the sign-in in the same browser.");
  }
  if (row.providerId !== input.providerId) throw new FlowError("callback", "the answer came back for another provider (mix-up)");
  if (row.expiresAt.getTime() < Date.now()) throw new FlowError("callback", "the sign-in took too long and expired", "Start the sign-in again.");
  const secrets = JSON.parse(open(row.secretsSealed, encryptionKeys, transactionAad(row.id))) as { nonce: string; codeVerifier: string };
  return { row, ...secrets };
}

export async function saveTransactionResult(db: Db | Tx, id: string, result: Record<string, unknown>): Promise<void> {
  await db.update(oauthTransactions).set({ result }).where(eq(oauthTransactions.id, id));
}
