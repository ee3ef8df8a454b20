import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { identityProviders } from "@/db/schema";
import { oidcProviderInput, providerCtx } from "@/db/test/provider-ctx";
import { openPgliteTestDb } from "@/db/test/test-db";
import { createProvider, secretAad } from "@/lib/identity-providers/create-provider";
import { activeSigningKey } from "@/lib/identity-providers/provider-keys";
import { keyId, open } from "./secret-box";
import { resealSecrets } from "./reseal-secrets";

let handle: DbHandle;
beforeAll(async () => {
  handle = await openPgliteTestDb();
});
afterAll(async () => {
  await handle.close();
});

describe("encryption key rotation", () => {
  it("re-seals client secrets and private keys with the new key; the old key is then not needed", async () => {
    const ctx = providerCtx(handle.db);
    const oldKey = ctx.config.encryptionKey;
    const created = await createProvider(ctx, oidcProviderInput({ clientSecret: "rotate-me", tokenEndpointAuthMethod: "private_key_jwt" }));
    const newKey = randomBytes(32);
    expect(await resealSecrets(handle.db, [newKey, oldKey])).toEqual({ resealed: 2 });
    const [row] = await handle.db.select().from(identityProviders).where(eq(identityProviders.id, created.id));
    expect(row!.clientSecretSealed!.split(".")[1]).toBe(keyId(newKey));
    expect(open(row!.clientSecretSealed!, [newKey], secretAad(created.id))).toBe("rotate-me");
    expect(await activeSigningKey(handle.db, created.id, [newKey])).toMatchObject({ alg: "RS256" });
    expect(await resealSecrets(handle.db, [newKey])).toEqual({ resealed: 0 });
  });
});
