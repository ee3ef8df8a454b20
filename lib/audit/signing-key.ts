import { createHash, createPrivateKey, createPublicKey, hkdfSync, sign, verify, type KeyObject } from "node:crypto";
import { getConfig, type AppConfig } from "@/lib/config";

/**
 * The audit trail's anchor outside the database: every event's (stream, seq, hash) is signed
 * with an Ed25519 key the database never holds, derived from AUDIT_SIGNING_KEY or, when that is
 * unset, from ENCRYPTION_KEY. Whoever can rewrite the tables can recompute the chain, but not
 * these signatures; the public key is printed on the certificate so anyone can check them.
 */
export type AuditSigningKey = { keyId: string; publicKey: string; privateKey: KeyObject };
export type AuditVerifyingKey = { keyId: string; publicKey: string; key: KeyObject };
export type AuditKeyring = { current: AuditSigningKey; verifiers: AuditVerifyingKey[] };
export type SignedPoint = { stream: string; seq: number; hash: string };
type KeySource = Pick<AppConfig, "encryptionKeys" | "auditSigningKeys">;

const HKDF_INFO = "signer-auth audit-signing ed25519 v1";
// PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410), and SPKI's of a raw public key.
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const SPKI_ED25519_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

function deriveKey(secret: Buffer): AuditSigningKey {
  const seed = Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), HKDF_INFO, 32));
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: "der",
    type: "pkcs8",
  });
  const raw = createPublicKey(privateKey).export({ format: "der", type: "spki" }).subarray(SPKI_ED25519_PREFIX.length);
  return { keyId: keyIdOf(raw), publicKey: raw.toString("base64"), privateKey };
}

/** The fingerprint printed beside each signature: the first 128 bits of SHA-256 over the raw public key. */
export const keyIdOf = (rawPublicKey: Buffer) => createHash("sha256").update(rawPublicKey).digest("hex").slice(0, 32);

const memo = new WeakMap<object, AuditKeyring>();

/** Signs with AUDIT_SIGNING_KEY (else ENCRYPTION_KEY); verifies with every configured key, previous ones included. */
export function auditKeyring(source: KeySource = getConfig()): AuditKeyring {
  const cached = memo.get(source);
  if (cached) return cached;
  const secrets = [...source.auditSigningKeys, ...source.encryptionKeys];
  const keys = secrets.map(deriveKey);
  const verifiers = [
    ...new Map(
      keys.map((k) => [k.keyId, { keyId: k.keyId, publicKey: k.publicKey, key: createPublicKey(k.privateKey) }]),
    ).values(),
  ];
  const keyring = { current: keys[0]!, verifiers };
  memo.set(source, keyring);
  return keyring;
}

/** The exact bytes signed: documented in the README so a verifier outside the app can rebuild them. */
export const signedMessage = (p: SignedPoint) =>
  Buffer.from(`signer-auth audit v1\n${p.stream}\n${p.seq}\n${p.hash}`, "utf8");

export const signAuditPoint = (key: AuditSigningKey, point: SignedPoint) =>
  sign(null, signedMessage(point), key.privateKey).toString("base64");

/** Checks one signature against a base64 raw Ed25519 public key (what the certificate prints). */
export function verifyAuditSignature(publicKey: string | KeyObject, point: SignedPoint, signature: string): boolean {
  const key =
    typeof publicKey === "string"
      ? createPublicKey({
          key: Buffer.concat([SPKI_ED25519_PREFIX, Buffer.from(publicKey, "base64")]),
          format: "der",
          type: "spki",
        })
      : publicKey;
  const bytes = Buffer.from(signature, "base64");
  return bytes.length === 64 && verify(null, signedMessage(point), key, bytes);
}
