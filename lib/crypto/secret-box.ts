import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

// Secrets at rest: AES-256-GCM, a fresh 96-bit nonce per seal, and associated data that binds
// a ciphertext to its row and purpose (a sealed secret copied to another row does not open).
// Format: v1.<key id>.<base64url nonce|tag|ciphertext>; the key id names the key that sealed it,
// so a key rotation can open old values with ENCRYPTION_KEY_PREVIOUS and re-seal them.

export const keyId = (key: Buffer) => createHash("sha256").update(key).digest("hex").slice(0, 8);

export function seal(plaintext: string, key: Buffer, associatedData: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `v1.${keyId(key)}.${Buffer.concat([nonce, cipher.getAuthTag(), ciphertext]).toString("base64url")}`;
}

/** Opens with whichever of the keys sealed it; throws when none did or the value was altered. */
export function open(sealed: string, keys: Buffer[], associatedData: string): string {
  const [version, kid, payload] = sealed.split(".");
  if (version !== "v1" || !kid || !payload) throw new Error("Not a sealed secret");
  const key = keys.find((k) => keyId(k) === kid);
  if (!key)
    throw new Error(
      `The secret was sealed with key ${kid}, which is not configured (ENCRYPTION_KEY / ENCRYPTION_KEY_PREVIOUS)`,
    );
  const raw = Buffer.from(payload, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(associatedData, "utf8"));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

/** `open`, or null when no configured key opens the value (for values that are a convenience, not a need). */
export function tryOpen(sealed: string, keys: Buffer[], associatedData: string): string | null {
  try {
    return open(sealed, keys, associatedData);
  } catch {
    return null;
  }
}

export const needsReseal = (sealed: string, currentKey: Buffer) => sealed.split(".")[1] !== keyId(currentKey);
