import { createHash, createPrivateKey, generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import forge from "node-forge";
import { ConfigError, writeFileOnce, type AppConfig } from "@/lib/config";

// The instance's seal: the certificate and key that sign every sealed PDF. Either the operator's
// own PKCS#12 (SEAL_P12_PATH / SEAL_P12_PASSWORD), or a self-signed one generated once into
// DATA_DIR/seal.json at first start (a readable file like DATA_DIR/secrets.json, mode 0600).

export type SealKey = {
  /** The PKCS#12 as @signpdf's P12Signer reads it, and its passphrase. */
  p12: Buffer;
  passphrase: string;
  /** The parsed key and certificate, for the signer (parsing a P12 costs a key derivation). */
  privateKey: forge.pki.rsa.PrivateKey;
  nodeKey: KeyObject;
  certificate: forge.pki.Certificate;
  /** The certificate's subject common name and its SHA-256 fingerprint (hex), printed on the certificate of completion. */
  subject: string;
  fingerprint: string;
  source: "generated" | "configured";
};

type SealConfig = Pick<AppConfig, "dataDir" | "sealP12" | "appUrl">;

const SEAL_FILE = "seal.json";
const SHROUDED = forge.pki.oids.pkcs8ShroudedKeyBag!;
const CERT_BAG = forge.pki.oids.certBag!;
export const APP_NAME = "Signer Auth";
const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

/**
 * A self-signed seal certificate as a PKCS#12: RSA 3072 (made by node:crypto, fast), key usage
 * digitalSignature + nonRepudiation, valid ten years. Also used by tests for a SEAL_P12_PATH file.
 */
export function generateSealP12(commonName: string, passphrase: string, opts: { organization?: string } = {}): Buffer {
  const pair = generateKeyPairSync("rsa", { modulusLength: 3072 });
  const privateKey = forge.pki.privateKeyFromPem(pair.privateKey.export({ type: "pkcs1", format: "pem" }).toString());
  const publicKey = forge.pki.publicKeyFromPem(pair.publicKey.export({ type: "spki", format: "pem" }).toString());
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = `01${randomBytes(15).toString("hex")}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + TEN_YEARS_MS);
  const subject = [
    { name: "commonName", value: commonName },
    { name: "organizationName", value: opts.organization ?? APP_NAME },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", critical: true, digitalSignature: true, nonRepudiation: true },
    { name: "subjectKeyIdentifier" },
  ]);
  cert.sign(privateKey, forge.md.sha256.create());
  const asn1 = forge.pkcs12.toPkcs12Asn1(privateKey, [cert], passphrase, {
    algorithm: "aes256",
    friendlyName: commonName,
  });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary");
}

/** The seal key for this config, loaded once per process (a bad SEAL_P12_* stops the start with a ConfigError). */
export function getSealKey(config: SealConfig): SealKey {
  const g = globalThis as { __sealKeys?: Map<string, SealKey> };
  g.__sealKeys ??= new Map();
  const cacheKey = config.sealP12
    ? `p12:${config.sealP12.path}:${createHash("sha256").update(config.sealP12.password).digest("hex")}`
    : `dir:${config.dataDir}`;
  let key = g.__sealKeys.get(cacheKey);
  if (!key) {
    key = config.sealP12
      ? loadConfiguredKey(config.sealP12)
      : readOrCreateGenerated(config.dataDir, `${APP_NAME} (${new URL(config.appUrl).host}) document seal`);
    g.__sealKeys.set(cacheKey, key);
  }
  return key;
}

function loadConfiguredKey(p12: { path: string; password: string }): SealKey {
  let bytes: Buffer;
  try {
    bytes = readFileSync(p12.path);
  } catch (err) {
    throw new ConfigError(`SEAL_P12_PATH: cannot read ${p12.path} (${(err as NodeJS.ErrnoException).code ?? err})`);
  }
  return openP12(bytes, p12.password, "configured", (why) => {
    throw new ConfigError(why);
  });
}

/** Opens a PKCS#12 and finds its RSA key and the certificate that matches it. */
export function openP12(
  bytes: Buffer,
  passphrase: string,
  source: SealKey["source"],
  fail: (why: string) => never,
): SealKey {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(
      forge.asn1.fromDer(forge.util.createBuffer(bytes.toString("binary"))),
      false,
      passphrase,
    );
  } catch (err) {
    const reason = String((err as Error).message ?? err);
    fail(
      /password|mac|decrypt|invalid/i.test(reason)
        ? `SEAL_P12_PASSWORD does not open SEAL_P12_PATH (${reason})`
        : `SEAL_P12_PATH is not a PKCS#12 file (.p12/.pfx): ${reason}`,
    );
  }
  const shrouded = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[SHROUDED];
  const privateKey = shrouded?.[0]?.key as forge.pki.rsa.PrivateKey | undefined;
  // @signpdf's P12Signer reads the key from a shrouded (password-protected) bag only.
  if (!privateKey || !("n" in privateKey))
    fail(
      "SEAL_P12_PATH holds no password-protected RSA private key (export it with a password: openssl pkcs12 -export)",
    );
  const certs = p12.getBags({ bagType: forge.pki.oids.certBag })[CERT_BAG] ?? [];
  const certificate = certs
    .map((b: forge.pkcs12.Bag) => b.cert)
    .find((c): c is forge.pki.Certificate => {
      const pub = c?.publicKey as forge.pki.rsa.PublicKey | undefined;
      return Boolean(pub && pub.n.compareTo(privateKey.n) === 0 && pub.e.compareTo(privateKey.e) === 0);
    });
  if (!certificate) fail("SEAL_P12_PATH holds no certificate for its private key");
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes();
  return {
    p12: bytes,
    passphrase,
    privateKey,
    nodeKey: createPrivateKey(forge.pki.privateKeyToPem(privateKey)),
    certificate,
    subject: String(
      certificate.subject.getField("CN")?.value ??
        certificate.subject.attributes.map((a) => String(a.value)).join(", "),
    ),
    fingerprint: createHash("sha256").update(Buffer.from(der, "binary")).digest("hex"),
    source,
  };
}

type StoredSeal = { p12: string; passphrase: string };

function readOrCreateGenerated(dataDir: string, commonName: string): SealKey {
  const file = path.join(dataDir, SEAL_FILE);
  if (!existsSync(file)) {
    const passphrase = randomBytes(24).toString("base64url");
    const p12 = generateSealP12(commonName, passphrase);
    // Another process of this instance may write it first: then everyone uses theirs.
    writeFileOnce(file, JSON.stringify({ p12: p12.toString("base64"), passphrase } satisfies StoredSeal));
  }
  const stored = JSON.parse(readFileSync(file, "utf8")) as StoredSeal;
  return openP12(Buffer.from(stored.p12, "base64"), stored.passphrase, "generated", (why) => {
    throw new ConfigError(`${file}: ${why.replace(/SEAL_P12_\w+/g, "the generated seal")}`);
  });
}
