import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** Every environment variable the app reads; the README documents each one. */
const ZEnv = z.object({
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().optional(),
  APP_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  ENCRYPTION_KEY: z.string().optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("Signer Auth <no-reply@localhost>"),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(12, "ADMIN_PASSWORD must be at least 12 characters").optional(),
  TRUSTED_HOSTS: z.string().default(""),
  DEMO: z.enum(["0", "1"]).default("0"),
  DEMO_IDP_ISSUER: z.string().url().optional(),
});

export type AppConfig = {
  databaseUrl: string | undefined;
  dataDir: string;
  appUrl: string;
  port: number;
  authSecret: string;
  encryptionKey: Buffer;
  smtpUrl: string | undefined;
  mailFrom: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  trustedHosts: string[];
  demo: boolean;
  demoIdpIssuer: string | undefined;
};

const emptyToUndefined = (env: NodeJS.ProcessEnv) =>
  Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === "" ? undefined : v]));

/** Parses the environment once per process; generated secrets persist in the data folder. */
export function getConfig(): AppConfig {
  const g = globalThis as { __appConfig?: AppConfig };
  g.__appConfig ??= loadConfig(process.env);
  return g.__appConfig;
}

export function loadConfig(rawEnv: NodeJS.ProcessEnv): AppConfig {
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
  if (encryptionKey.length !== 32) throw new ConfigError("ENCRYPTION_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)");
  return {
    databaseUrl: env.DATABASE_URL,
    dataDir,
    appUrl: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
    port: env.PORT,
    authSecret: env.AUTH_SECRET ?? secrets!.authSecret,
    encryptionKey,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    adminEmail: env.ADMIN_EMAIL,
    adminPassword: env.ADMIN_PASSWORD,
    trustedHosts: env.TRUSTED_HOSTS.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean),
    demo: env.DEMO === "1",
    demoIdpIssuer: env.DEMO_IDP_ISSUER,
  };
}

export class ConfigError extends Error {}

type StoredSecrets = { authSecret: string; encryptionKey: string };

// Zero-setup default: keys are generated once and kept beside the embedded database.
function readOrCreateSecrets(dataDir: string): StoredSecrets {
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as StoredSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets: StoredSecrets = {
    authSecret: randomBytes(32).toString("base64url"),
    encryptionKey: randomBytes(32).toString("base64"),
  };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600, flag: "wx" });
  chmodSync(file, 0o600);
  return secrets;
}
