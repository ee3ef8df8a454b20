import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { appSessions, envelopes, identityProviders, recipients } from "@/db/schema";
import { seedUser } from "@/db/test/seed";
import { createSession, revokeSession, sessionIdTokenAad } from "@/lib/sessions/sessions";
import { oidcProviderInput, providerCtx } from "@/db/test/provider-ctx";
import { openPgliteTestDb } from "@/db/test/test-db";
import { createProvider, secretAad } from "@/lib/identity-providers/create-provider";
import { activeSigningKey } from "@/lib/identity-providers/provider-keys";
import { keyId, open } from "@/lib/crypto/secret-box";
import { callbackSecret } from "@/lib/callbacks/secret";
import { seal } from "@/lib/crypto/secret-box";
import { openSigningLink } from "@/lib/envelopes/mail";
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
    const created = await createProvider(
      ctx,
      oidcProviderInput({ clientSecret: "rotate-me", tokenEndpointAuthMethod: "private_key_jwt" }),
    );
    const newKey = randomBytes(32);
    expect(await resealSecrets(handle.db, [newKey, oldKey])).toEqual({ resealed: 2 });
    const [row] = await handle.db.select().from(identityProviders).where(eq(identityProviders.id, created.id));
    expect(row!.clientSecretSealed!.split(".")[1]).toBe(keyId(newKey));
    expect(open(row!.clientSecretSealed!, [newKey], secretAad(created.id))).toBe("rotate-me");
    expect(await activeSigningKey(handle.db, created.id, [newKey])).toMatchObject({ alg: "RS256" });
    expect(await resealSecrets(handle.db, [newKey])).toEqual({ resealed: 0 });
  });

  it("re-seals the ID tokens of live sessions and drops those of ended sessions", async () => {
    // This file's own database: the provider of the test above was sealed with a key now gone.
    await handle.db.delete(identityProviders);
    const oldKey = randomBytes(32);
    const { user } = await seedUser(handle.db);
    const identity = (idToken: string) => ({ subject: "sub-1", sid: "sid-1", idToken, encryptionKey: oldKey });
    await createSession(handle.db, {
      userId: user.id,
      method: "oauth",
      ip: null,
      userAgent: null,
      identity: identity("live.id.token"),
    });
    const ended = await createSession(handle.db, {
      userId: user.id,
      method: "oauth",
      ip: null,
      userAgent: null,
      identity: identity("ended.id.token"),
    });
    await revokeSession(handle.db, ended);
    const newKey = randomBytes(32);
    await resealSecrets(handle.db, [newKey, oldKey]);
    const rows = await handle.db.select().from(appSessions).where(eq(appSessions.userId, user.id));
    const live = rows.find((r) => r.revokedAt === null)!;
    expect(open(live.idTokenSealed!, [newKey], sessionIdTokenAad(live.publicId))).toBe("live.id.token");
    expect(rows.find((r) => r.revokedAt !== null)!.idTokenSealed).toBeNull();
  });

  it("re-seals the status callbacks' signing secret and DisableEmail recipients' kept signing links", async () => {
    await handle.db.delete(identityProviders);
    await handle.db.delete(appSessions);
    const oldKey = randomBytes(32);
    const secret = await callbackSecret(handle.db, [oldKey]);
    const [envelope] = await handle.db
      .insert(envelopes)
      .values({ name: "Kept link", status: "sent", senderEmail: "sender@example.test", expirationSeconds: 3600 })
      .returning();
    const [recipient] = await handle.db
      .insert(recipients)
      .values({
        envelopeId: envelope!.id,
        orderIndex: 1,
        role: "signer",
        email: "signer@example.test",
        auth: {},
        status: "invited",
      } as typeof recipients.$inferInsert)
      .returning();
    const link = "http://localhost:3000/sign/kept-link-token";
    // As lib/envelopes/mail.ts seals it (its associated data names the recipient).
    await handle.db
      .update(recipients)
      .set({ sealedLink: seal(link, oldKey, `recipients:${recipient!.id}:signing_link`) })
      .where(eq(recipients.id, recipient!.id));

    const newKey = randomBytes(32);
    expect(await resealSecrets(handle.db, [newKey, oldKey])).toEqual({ resealed: 2 });
    // The old key is gone: both still open, unchanged, with the new one alone.
    expect(await callbackSecret(handle.db, [newKey])).toBe(secret);
    const [row] = await handle.db.select().from(recipients).where(eq(recipients.id, recipient!.id));
    expect(openSigningLink(row!, [newKey])).toBe(link);
    expect(await resealSecrets(handle.db, [newKey])).toEqual({ resealed: 0 });
  });
});
