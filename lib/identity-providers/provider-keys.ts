import { and, asc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import { providerKeys } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { open, seal } from "@/lib/crypto/secret-box";

// private_key_jwt: the app holds one active RS256 key pair per provider (RS256 because every
// major IdP accepts it for client assertions); rotation adds a new active key and retires the
// old one, which stays published until removed so assertions already sent still verify.

const ALG = "RS256";
/** The associated data binding a sealed private key to its provider and key id. */
export const privateKeyAad = (providerId: string, kid: string) => `provider:${providerId}:key:${kid}`;

export async function generateProviderKey(tx: Db | Tx, providerId: string, encryptionKey: Buffer): Promise<string> {
  const { publicKey, privateKey } = await generateKeyPair(ALG, { modulusLength: 2048, extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateJwk = await exportJWK(privateKey);
  await tx.insert(providerKeys).values({
    kid,
    providerId,
    alg: ALG,
    publicJwk: { ...publicJwk, kid, alg: ALG, use: "sig" },
    privateJwkSealed: seal(
      JSON.stringify({ ...privateJwk, kid, alg: ALG }),
      encryptionKey,
      privateKeyAad(providerId, kid),
    ),
  });
  return kid;
}

/** The public JWKS the IdP registers (active and retired keys). */
export async function publicJwks(db: Db | Tx, providerId: string): Promise<{ keys: JWK[] }> {
  const rows = await db
    .select({ jwk: providerKeys.publicJwk })
    .from(providerKeys)
    .where(eq(providerKeys.providerId, providerId))
    .orderBy(asc(providerKeys.createdAt));
  return { keys: rows.map((r) => r.jwk as JWK) };
}

/** The published keys of many providers in one query (the providers list): provider id → JWKS. */
export async function publicJwksOf(db: Db | Tx, providerIds: string[]): Promise<Map<string, { keys: JWK[] }>> {
  const byProvider = new Map(providerIds.map((id) => [id, { keys: [] as JWK[] }]));
  if (providerIds.length === 0) return byProvider;
  const rows = await db
    .select({ providerId: providerKeys.providerId, jwk: providerKeys.publicJwk })
    .from(providerKeys)
    .where(inArray(providerKeys.providerId, providerIds))
    .orderBy(asc(providerKeys.createdAt));
  for (const r of rows) byProvider.get(r.providerId)?.keys.push(r.jwk as JWK);
  return byProvider;
}

export async function hasActiveKey(db: Db | Tx, providerId: string): Promise<boolean> {
  const rows = await db
    .select({ kid: providerKeys.kid })
    .from(providerKeys)
    .where(and(eq(providerKeys.providerId, providerId), isNull(providerKeys.retiredAt)));
  return rows.length > 0;
}

/** New active key; the previous active ones are retired but stay published. */
export async function rotateProviderKey(tx: Db | Tx, providerId: string, encryptionKey: Buffer): Promise<string> {
  await tx
    .update(providerKeys)
    .set({ retiredAt: new Date() })
    .where(and(eq(providerKeys.providerId, providerId), isNull(providerKeys.retiredAt)));
  return generateProviderKey(tx, providerId, encryptionKey);
}

/** Drops retired keys from the JWKS once the IdP has picked up the new one. */
export async function removeRetiredKeys(tx: Db | Tx, providerId: string): Promise<number> {
  const rows = await tx
    .delete(providerKeys)
    .where(and(eq(providerKeys.providerId, providerId), isNotNull(providerKeys.retiredAt)))
    .returning({ kid: providerKeys.kid });
  return rows.length;
}

/** The active private key, for signing a client assertion. */
export async function activeSigningKey(db: Db | Tx, providerId: string, encryptionKeys: Buffer[]) {
  const [row] = await db
    .select()
    .from(providerKeys)
    .where(and(eq(providerKeys.providerId, providerId), isNull(providerKeys.retiredAt)))
    .orderBy(asc(providerKeys.createdAt))
    .limit(1);
  if (!row) return null;
  const jwk = JSON.parse(open(row.privateJwkSealed, encryptionKeys, privateKeyAad(providerId, row.kid))) as JWK;
  const key = await importJWK(jwk, row.alg);
  if (key instanceof Uint8Array) throw new Error("A provider key must be asymmetric");
  return { kid: row.kid, alg: row.alg, key };
}
