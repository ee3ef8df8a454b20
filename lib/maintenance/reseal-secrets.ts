import { eq, isNotNull } from "drizzle-orm";
import { appSessions, identityProviders, providerKeys } from "@/db/schema";
import type { Db } from "@/db/client";
import { resealCallbackSecret } from "@/lib/callbacks/secret";
import { needsReseal, open, seal } from "@/lib/crypto/secret-box";
import { resealSigningLinks } from "@/lib/envelopes/mail";
import { secretAad } from "@/lib/identity-providers/create-provider";
import { privateKeyAad } from "@/lib/identity-providers/provider-keys";
import { sessionIdTokenAad } from "@/lib/sessions/sessions";

/**
 * Key rotation, step 2: every sealed value opened with whichever configured key sealed it and
 * sealed again with the current key. Afterwards ENCRYPTION_KEY_PREVIOUS can be removed.
 */
export async function resealSecrets(db: Db, keys: Buffer[]): Promise<{ resealed: number }> {
  const [current] = keys;
  if (!current) throw new Error("No encryption key");
  let resealed = 0;
  await db.transaction(async (tx) => {
    for (const p of await tx
      .select({ id: identityProviders.id, sealed: identityProviders.clientSecretSealed })
      .from(identityProviders)
      .for("update")) {
      if (!p.sealed || !needsReseal(p.sealed, current)) continue;
      const aad = secretAad(p.id);
      await tx
        .update(identityProviders)
        .set({ clientSecretSealed: seal(open(p.sealed, keys, aad), current, aad) })
        .where(eq(identityProviders.id, p.id));
      resealed++;
    }
    for (const k of await tx.select().from(providerKeys).for("update")) {
      if (!needsReseal(k.privateJwkSealed, current)) continue;
      const aad = privateKeyAad(k.providerId, k.kid);
      await tx
        .update(providerKeys)
        .set({ privateJwkSealed: seal(open(k.privateJwkSealed, keys, aad), current, aad) })
        .where(eq(providerKeys.kid, k.kid));
      resealed++;
    }
    // ID tokens kept for RP-initiated logout: live sessions' re-sealed, ended ones' dropped.
    const sessions = await tx
      .select({
        idHash: appSessions.idHash,
        publicId: appSessions.publicId,
        sealed: appSessions.idTokenSealed,
        revokedAt: appSessions.revokedAt,
        expiresAt: appSessions.expiresAt,
      })
      .from(appSessions)
      .where(isNotNull(appSessions.idTokenSealed))
      .for("update");
    for (const s of sessions) {
      if (s.revokedAt || s.expiresAt.getTime() < Date.now()) {
        await tx.update(appSessions).set({ idTokenSealed: null }).where(eq(appSessions.idHash, s.idHash));
        continue;
      }
      if (!s.sealed || !needsReseal(s.sealed, current)) continue;
      const aad = sessionIdTokenAad(s.publicId);
      await tx
        .update(appSessions)
        .set({ idTokenSealed: seal(open(s.sealed, keys, aad), current, aad) })
        .where(eq(appSessions.idHash, s.idHash));
      resealed++;
    }
    // The status callbacks' signing secret, and the signing links kept for DisableEmail recipients.
    resealed += await resealCallbackSecret(tx, keys);
    resealed += await resealSigningLinks(tx, keys);
  });
  return { resealed };
}
