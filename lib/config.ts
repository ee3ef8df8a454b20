import { randomBytes } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseTrustedProxies } from "@/lib/net/client-address";

/** Every environment variable the app reads; the README documents each one. */
const ZEnv = z.object({
  DATABASE_URL: z.string().url().optional(),
  DATABASE_APP_URL: z.string().url().optional(),
  DATABASE_RUNTIME_ROLE: z.string().max(63).optional(),
  DATA_DIR: z.string().optional(),
  APP_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  ENCRYPTION_KEY: z.string().optional(),
  ENCRYPTION_KEY_PREVIOUS: z.string().optional(),
  AUDIT_SIGNING_KEY: z.string().optional(),
  AUDIT_SIGNING_KEY_PREVIOUS: z.string().optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("Signer Auth <no-reply@localhost>"),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(12, "ADMIN_PASSWORD must be at least 12 characters").optional(),
  TRUSTED_HOSTS: z.string().default(""),
  // Read per request by lib/auth/request-meta.ts; checked here so a typo stops the start.
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .superRefine((value, issue) => {
      try {
        parseTrustedProxies(value);
      } catch (err) {
        issue.addIssue({ code: "custom", message: (err as Error).message });
      }
    }),
  SEAL_P12_PATH: z.string().optional(),
  SEAL_P12_PASSWORD: z.string().optional(),
  DEMO: z.enum(["0", "1"]).default("0"),
  DEMO_IDP_ISSUER: z.string().url().optional(),
  DEMO_IDP_CLIENT_ID: z.string().optional(),
  DEMO_IDP_CLIENT_SECRET: z.string().optional(),
});

export type AppConfig = {
  databaseUrl: string | undefined;
  /** The runtime role's own login; without it the pool logs in as DATABASE_URL's owner and switches to `runtimeRole`. */
  appDatabaseUrl: string | undefined;
  runtimeRole: string | undefined;
  dataDir: string;
  appUrl: string;
  port: number;
  authSecret: string;
  encryptionKey: Buffer;
  /** The current key first, then ENCRYPTION_KEY_PREVIOUS (comma-separated) while a rotation runs. */
  encryptionKeys: Buffer[];
  /** The secret the audit signing key is derived from (AUDIT_SIGNING_KEY, else ENCRYPTION_KEY), then AUDIT_SIGNING_KEY_PREVIOUS. */
  auditSigningKeys: Buffer[];
  smtpUrl: string | undefined;
  mailFrom: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  trustedHosts: string[];
  /** The seal certificate and key (PKCS#12) for sealed PDFs; unset: one is generated once into dataDir. */
  sealP12: { path: string; password: string } | undefined;
  demo: boolean;
  demoIdpIssuer: string | undefined;
  demoIdpClient: { id: string; secret: string } | undefined;
};

const emptyToUndefined = (env: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === "" ? undefined : v]));

/** Parses the environment once per process; generated secrets persist in the data folder. */
export function getConfig(): AppConfig {
  const g = globalThis as { __appConfig?: AppConfig };
  g.__appConfig ??= loadConfig(process.env);
  return g.__appConfig;
}

export function loadConfig(rawEnv: Record<string, string | undefined>): AppConfig {
  const parsed = ZEnv.safeParse(emptyToUndefined(rawEnv));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid environment: ${lines.join("; ")}`);
  }
  const env = parsed.data;
  const defaultDir = rawEnv.NODE_ENV === "development" ? ".data/dev" : ".data/app";
  const dataDir = path.resolve(env.DATA_DIR ?? defaultDir);
  const secrets = env.AUTH_SECRET && env.ENCRYPTION_KEY ? null : readOrCreateSecrets(dataDir);
  const encryptionKey = Buffer.from(env.ENCRYPTION_KEY ?? secrets!.encryptionKey, "base64");
  const keyList = (value: string | undefined) =>
    (value ?? "")
      .split(",")
      .filter((k) => k.trim())
      .map((k) => Buffer.from(k.trim(), "base64"));
  const previous = keyList(env.ENCRYPTION_KEY_PREVIOUS);
  for (const k of [encryptionKey, ...previous]) {
    if (k.length !== 32)
      throw new ConfigError(
        "ENCRYPTION_KEY and ENCRYPTION_KEY_PREVIOUS must be 32 bytes, base64-encoded (openssl rand -base64 32)",
      );
  }
  const auditSigningKeys = [
    ...(env.AUDIT_SIGNING_KEY ? keyList(env.AUDIT_SIGNING_KEY) : [encryptionKey]),
    ...keyList(env.AUDIT_SIGNING_KEY_PREVIOUS),
  ];
  if (auditSigningKeys.some((k) => k.length !== 32)) {
    throw new ConfigError(
      "AUDIT_SIGNING_KEY and AUDIT_SIGNING_KEY_PREVIOUS must be 32 bytes, base64-encoded (openssl rand -base64 32)",
    );
  }
  if (env.SEAL_P12_PASSWORD !== undefined && !env.SEAL_P12_PATH)
    throw new ConfigError("SEAL_P12_PASSWORD is set but SEAL_P12_PATH is not: name the PKCS#12 file it opens");
  if (env.DATABASE_APP_URL && !env.DATABASE_URL)
    throw new ConfigError("DATABASE_APP_URL needs DATABASE_URL (the owner that runs the migrations)");
  return {
    databaseUrl: env.DATABASE_URL,
    appDatabaseUrl: env.DATABASE_APP_URL,
    runtimeRole: env.DATABASE_RUNTIME_ROLE,
    dataDir,
    appUrl: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
    port: env.PORT,
    authSecret: env.AUTH_SECRET ?? secrets!.authSecret,
    encryptionKey,
    encryptionKeys: [encryptionKey, ...previous],
    auditSigningKeys,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    adminEmail: env.ADMIN_EMAIL,
    adminPassword: env.ADMIN_PASSWORD,
    trustedHosts: env.TRUSTED_HOSTS.split(",")
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    sealP12: env.SEAL_P12_PATH
      ? { path: path.resolve(env.SEAL_P12_PATH), password: env.SEAL_P12_PASSWORD ?? "" }
      : undefined,
    demo: env.DEMO === "1",
    demoIdpIssuer: env.DEMO_IDP_ISSUER,
    demoIdpClient:
      env.DEMO_IDP_CLIENT_ID && env.DEMO_IDP_CLIENT_SECRET
        ? { id: env.DEMO_IDP_CLIENT_ID, secret: env.DEMO_IDP_CLIENT_SECRET }
        : undefined,
  };
}

export class ConfigError extends Error {}

type StoredSecrets = { authSecret: string; encryptionKey: string };

// Zero-setup default: keys are generated once and kept beside the embedded database.
function readOrCreateSecrets(dataDir: string): StoredSecrets {
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as StoredSecrets;
  const secrets: StoredSecrets = {
    authSecret: randomBytes(32).toString("base64url"),
    encryptionKey: randomBytes(32).toString("base64"),
  };
  return JSON.parse(writeFileOnce(file, JSON.stringify(secrets))) as StoredSecrets;
}

/**
 * Creates `file` (mode 0600) with `content` unless it exists, and returns what the file holds:
 * ours, or what another process wrote first. Workers starting together (npm start's cluster,
 * instances sharing DATA_DIR) all end with the same content: the file appears whole at once (a
 * hard link of a finished temporary file), so no reader sees it half written.
 */
export function writeFileOnce(file: string, content: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(temporary, content, { mode: 0o600, flag: "wx" });
  try {
    linkSync(temporary, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  } finally {
    unlinkSync(temporary);
  }
  return readFileSync(file, "utf8");
}
