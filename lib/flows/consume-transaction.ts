import { and, eq, isNull, sql } from "drizzle-orm";
import { identityProviders, oauthTransactions, type IdentityProviderRow, type OAuthTransactionRow } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { preparedStatement } from "@/db/prepared";
import { open } from "@/lib/crypto/secret-box";
import { FlowError } from "@/lib/oauth/types";
import { sha256, transactionAad } from "./start-flow";

export type ConsumedTransaction = {
  row: OAuthTransactionRow;
  nonce: string;
  codeVerifier: string;
  /** The flow's provider as the same statement read it (null: deleted since the start). */
  provider: IdentityProviderRow | null;
};

export const consumeStatement = preparedStatement((db) => {
  const used = db.$with("used").as(
    db
      .update(oauthTransactions)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(oauthTransactions.stateHash, sql.placeholder("stateHash")),
          isNull(oauthTransactions.usedAt),
          eq(oauthTransactions.browserHash, sql.placeholder("browserHash")),
          eq(oauthTransactions.providerId, sql.placeholder("providerId")),
        ),
      )
      .returning(),
  );
  return db
    .with(used)
    .select()
    .from(used)
    .leftJoin(identityProviders, eq(identityProviders.id, used.providerId))
    .prepare("consume_transaction");
});

/**
 * The callback's first act: the transaction named by `state` is marked used by one conditional
 * UPDATE, so of two concurrent callbacks exactly one gets it. Security rule: that UPDATE also
 * requires this browser's cookie and this provider, so a leaked `state` replayed from another
 * browser, or at another provider's callback (mix-up), uses nothing up and the browser that
 * started the flow can still finish it. Then it must still be fresh. The same statement reads the
 * flow's provider (a CTE around the UPDATE): the callback needs it next, without another round trip.
 */
export async function consumeTransaction(
  db: Db | Tx,
  input: { state: string | null; browserToken: string | null; providerId: string },
  encryptionKeys: Buffer[],
): Promise<ConsumedTransaction> {
  if (!input.state)
    throw new FlowError("callback", "the callback carries no state", "Start the sign-in again from the app.");
  const stateHash = sha256(input.state);
  const browserHash = input.browserToken ? sha256(input.browserToken) : null;
  const [hit] =
    browserHash === null ? [] : await consumeStatement(db, { stateHash, browserHash, providerId: input.providerId });
  if (!hit) throw await refusal(db, stateHash, browserHash, input.providerId);
  const { used: row, identity_providers: provider } = hit;
  if (row.expiresAt.getTime() < Date.now())
    throw new FlowError("callback", "the sign-in took too long and expired", "Start the sign-in again.");
  const secrets = JSON.parse(open(row.secretsSealed, encryptionKeys, transactionAad(row.id))) as {
    nonce: string;
    codeVerifier: string;
  };
  return { row, ...secrets, provider };
}

/** Why nothing was consumed: read only after the UPDATE refused, to name the reason. */
async function refusal(
  db: Db | Tx,
  stateHash: string,
  browserHash: string | null,
  providerId: string,
): Promise<FlowError> {
  const [seen] = await db
    .select({
      usedAt: oauthTransactions.usedAt,
      browserHash: oauthTransactions.browserHash,
      providerId: oauthTransactions.providerId,
    })
    .from(oauthTransactions)
    .where(eq(oauthTransactions.stateHash, stateHash));
  if (!seen) return new FlowError("callback", "unknown state", "Start the sign-in again from the app.");
  if (seen.usedAt)
    return new FlowError(
      "callback",
      "this sign-in was already completed (state replayed)",
      "Start the sign-in again from the app.",
    );
  if (seen.browserHash !== browserHash)
    return new FlowError(
      "callback",
      "the sign-in was started in another browser",
      "Open the link and finish the sign-in in the same browser.",
    );
  if (seen.providerId !== providerId)
    return new FlowError("callback", "the answer came back for another provider (mix-up)");
  // Matched every condition but another callback got it first.
  return new FlowError(
    "callback",
    "this sign-in was already completed (state replayed)",
    "Start the sign-in again from the app.",
  );
}

export async function saveTransactionResult(db: Db | Tx, id: string, result: Record<string, unknown>): Promise<void> {
  await db.update(oauthTransactions).set({ result }).where(eq(oauthTransactions.id, id));
}
