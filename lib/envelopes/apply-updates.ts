import { eq } from "drizzle-orm";
import { recipients, type RecipientRow } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { sameEmail } from "@/lib/oauth/email-key";
import type { UpdatableField } from "@/lib/oauth/recipient-values";
import { certificateKeyOf } from "./disposable-certificate";

export type RecipientChanges = {
  recipientId: string;
  changes: { field: string; from: string | null; to: string | null }[];
};

const COLUMNS = { firstName: "firstName", lastName: "lastName", phone: "phone" } as const;

/**
 * Writes the Update mappings' values (already checked by the engine: never the email, phones
 * international, dates parsed) into every recipient of the envelope with the same email
 * address (seed 001: "will update ... also for subsequent worksteps with same recipient mail
 * address"). Returns what changed, per recipient, for RecipientDataUpdated.
 */
export async function applyRecipientUpdates(
  tx: Db | Tx,
  recipient: RecipientRow,
  updates: Partial<Record<UpdatableField, string>>,
): Promise<RecipientChanges[]> {
  if (Object.keys(updates).length === 0) return [];
  // Same address by the email key (ASCII case only, never Unicode case: see lib/oauth/email-key.ts),
  // compared here rather than with SQL lower(), which folds Unicode case under most collations.
  const same = (await tx.select().from(recipients).where(eq(recipients.envelopeId, recipient.envelopeId))).filter(
    (r) => r.id === recipient.id || sameEmail(r.email, recipient.email),
  );
  const out: RecipientChanges[] = [];
  for (const r of same) {
    const changes: RecipientChanges["changes"] = [];
    const set: Partial<Pick<RecipientRow, "firstName" | "lastName" | "phone" | "certificate">> = {};
    const certificate = { ...r.certificate };
    for (const [field, to] of Object.entries(updates) as [UpdatableField, string][]) {
      const column = COLUMNS[field as keyof typeof COLUMNS];
      // The certificate's fields are stored under their REST names (DocumentNumber, ...).
      const key = certificateKeyOf(field);
      if (!column && !key) continue;
      const from = column ? r[column] : (certificate[key!] ?? null);
      if (from === to) continue;
      changes.push({ field, from, to });
      if (column) set[column] = to;
      else certificate[key!] = to;
    }
    if (!changes.length) continue;
    await tx
      .update(recipients)
      .set({ ...set, certificate })
      .where(eq(recipients.id, r.id));
    out.push({ recipientId: r.id, changes });
  }
  return out;
}
