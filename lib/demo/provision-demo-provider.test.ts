import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { identityProviders } from "@/db/schema";
import { openPgliteTestDb } from "@/db/test/test-db";
import { startOidcProvider, type OidcFixture } from "@/e2e/fixtures/oidc-provider";
import { loadConfig } from "@/lib/config";
import { open } from "@/lib/crypto/secret-box";
import { secretAad } from "@/lib/identity-providers/create-provider";
import { DEMO_PROVIDER_NAME, provisionDemoProvider } from "./provision-demo-provider";

let idp: OidcFixture;
let handle: DbHandle;
beforeAll(async () => {
  idp = await startOidcProvider();
  handle = await openPgliteTestDb();
});
afterAll(async () => {
  await handle.close();
  await idp.close();
});

const configWith = (secret: string) =>
  loadConfig({
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    ENCRYPTION_KEY: key,
    TRUSTED_HOSTS: `127.0.0.1:${idp.port}`,
    DEMO: "1",
    DEMO_IDP_ISSUER: idp.issuer,
    DEMO_IDP_CLIENT_ID: "client-basic",
    DEMO_IDP_CLIENT_SECRET: secret,
  });
const key = randomBytes(32).toString("base64");

describe("demo mode", () => {
  it("creates 'Demo IdP' from the demo provider's discovery, for signer and user authentication", async () => {
    await provisionDemoProvider(handle.db, configWith("first-secret"));
    const [row] = await handle.db
      .select()
      .from(identityProviders)
      .where(eq(identityProviders.name, DEMO_PROVIDER_NAME));
    expect(row).toMatchObject({
      tokenUri: `${idp.issuer}/token`,
      clientId: "client-basic",
      usedForSignerAuthentication: true,
      usedForUserAuthentication: true,
      enabled: true,
    });
    expect(row!.jwt).toMatchObject({
      issuer: idp.issuer,
      validateIssuer: true,
      mappings: [{ path: "email", field: "email", mode: "validate" }],
    });
  });

  it("on the next start, takes the demo provider's new client secret and makes no second provider", async () => {
    await provisionDemoProvider(handle.db, configWith("second-secret"));
    const rows = await handle.db.select().from(identityProviders).where(eq(identityProviders.name, DEMO_PROVIDER_NAME));
    expect(rows).toHaveLength(1);
    expect(open(rows[0]!.clientSecretSealed!, [Buffer.from(key, "base64")], secretAad(rows[0]!.id))).toBe(
      "second-secret",
    );
  });
});
