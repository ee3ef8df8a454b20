import { randomBytes } from "node:crypto";
import type { Db } from "../client";
import type { ProviderCtx } from "@/lib/identity-providers/context";
import type { TProviderInput } from "@/lib/identity-providers/schema";
import { uniqueEmail } from "./test-db";

const encryptionKey = randomBytes(32);
/** The key every test context seals with (db/test/mail.ts opens test mail with it). */
export const testEncryptionKeys = [encryptionKey];

/** A provider-operations context acting as an administrator, with loopback port 9999 trusted. */
export const providerCtx = (db: Db, trustedHosts: string[] = ["127.0.0.1:9999"]): ProviderCtx => ({
  db,
  actor: { kind: "user", userId: crypto.randomUUID(), email: "admin@example.test" },
  ip: "192.0.2.10",
  userAgent: "vitest",
  config: { appUrl: "http://localhost:3000", encryptionKey, encryptionKeys: [encryptionKey], trustedHosts },
});

/** A valid OIDC provider input with a unique name. */
export const oidcProviderInput = (over: Partial<TProviderInput> = {}): TProviderInput => ({
  name: `IdP ${uniqueEmail("p")}`,
  clientId: "client-basic",
  clientSecret: "s3cret+/:%-value",
  authorizationUri: "https://idp.example.com/authorize",
  tokenUri: "https://idp.example.com/token",
  jwt: { jwksUri: "https://idp.example.com/jwks", issuer: "https://idp.example.com" },
  ...over,
});
