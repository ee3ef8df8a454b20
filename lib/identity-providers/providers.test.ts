import { withDatabase } from "@/db/test/test-db";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { appSessions, auditEvents, identityProviders } from "@/db/schema";
import { oidcProviderInput, providerCtx } from "@/db/test/provider-ctx";
import { seedUser } from "@/db/test/seed";
import { BACKENDS } from "@/db/test/test-db";
import { createSession } from "@/lib/sessions/sessions";
import { AppError } from "@/lib/errors";
import { createProvider } from "./create-provider";
import { deleteProvider } from "./delete-provider";
import { getProvider, listProviders } from "./get-provider";
import { duplicateProvider, rotateKey, setProviderEnabled } from "./provider-actions";
import { updateProvider } from "./update-provider";

const SECRET = "s3cret+/:%-value";

describe.each(BACKENDS)("identity providers on $backend", ({ open }) => {
  let handle: DbHandle;
  withDatabase(open, (opened) => (handle = opened));
  const ctx = () => providerCtx(handle.db);
  const eventsOf = (providerId: string) =>
    handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.stream, "org"), eq(auditEvents.providerId, providerId)))
      .orderBy(auditEvents.seq);

  it("creates a provider with every JWT check on, the secret sealed and never returned", async () => {
    const created = await createProvider(ctx(), oidcProviderInput());
    expect(created).toMatchObject({
      clientSecretSet: true,
      kind: "oidc",
      pkce: true,
      subjectPath: "sub",
      redirectUri: `http://localhost:3000/oauth/callback/${created.id}`,
    });
    expect(created.jwt).toMatchObject({
      addNonce: true,
      validateAudience: true,
      validateIssuer: true,
      validateLifetime: true,
      clockSkewSeconds: 60,
    });
    expect(JSON.stringify(created)).not.toContain(SECRET);
    const [row] = await handle.db.select().from(identityProviders).where(eq(identityProviders.id, created.id));
    expect(row!.clientSecretSealed).toMatch(/^v1\./);
    expect(row!.clientSecretSealed).not.toContain(SECRET);
    const events = await eventsOf(created.id);
    expect(events.map((e) => e.action)).toEqual(["ProviderCreated"]);
    expect(JSON.stringify(events)).not.toContain(SECRET);
    expect(events[0]!.data).toMatchObject({ settings: { clientSecretSet: true, clientId: "client-basic" } });
  });

  it("an update with an empty secret keeps it; turning a check off is audited with its warning", async () => {
    const created = await createProvider(ctx(), oidcProviderInput());
    const [before] = await handle.db.select().from(identityProviders).where(eq(identityProviders.id, created.id));
    const updated = await updateProvider(ctx(), created.id, {
      ...oidcProviderInput({ name: created.name, clientSecret: "" }),
      jwt: { ...created.jwt!, validateIssuer: false },
    });
    const [after] = await handle.db.select().from(identityProviders).where(eq(identityProviders.id, created.id));
    expect(after!.clientSecretSealed).toBe(before!.clientSecretSealed);
    expect(updated.jwt!.validateIssuer).toBe(false);
    const changed = (await eventsOf(created.id)).at(-1)!;
    expect(changed.action).toBe("ProviderChanged");
    expect(changed.data).toMatchObject({ changes: [{ field: "jwt.validateIssuer", from: "true", to: "false" }] });
    expect((changed.data as { warnings: string[] }).warnings[0]).toMatch(
      /^validateIssuer off: Without the issuer check/,
    );
    await updateProvider(ctx(), created.id, {
      ...oidcProviderInput({ name: created.name, clientSecret: "a-new-secret" }),
      jwt: updated.jwt,
    });
    const [replaced] = await handle.db.select().from(identityProviders).where(eq(identityProviders.id, created.id));
    expect(replaced!.clientSecretSealed).not.toBe(before!.clientSecretSealed);
    const last = (await eventsOf(created.id)).at(-1)!;
    expect(last.data).toMatchObject({ changes: [{ field: "clientSecret", from: "(hidden)", to: "(replaced)" }] });
    expect(JSON.stringify(last)).not.toContain("a-new-secret");
  });

  it("refuses a duplicate name (any case) with a field error, and leaves nothing half-written", async () => {
    const created = await createProvider(ctx(), oidcProviderInput());
    const err = await createProvider(ctx(), oidcProviderInput({ name: created.name.toUpperCase() })).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "conflict", details: [{ path: "$.name" }] });
    const rows = await handle.db.select().from(identityProviders).where(eq(identityProviders.clientId, "client-basic"));
    expect(rows.filter((r) => r.name.toLowerCase() === created.name.toLowerCase())).toHaveLength(1);
  });

  it("private_key_jwt: a key pair per provider, public half only, rotation keeps the old key published", async () => {
    const created = await createProvider(
      ctx(),
      oidcProviderInput({ tokenEndpointAuthMethod: "private_key_jwt", clientSecret: null }),
    );
    expect(created.clientJwksUri).toBe(`http://localhost:3000/oauth/jwks/${created.id}`);
    expect(created.publicJwks!.keys).toHaveLength(1);
    expect(created.publicJwks!.keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    expect(created.publicJwks!.keys[0]).not.toHaveProperty("d");
    const rotated = await rotateKey(ctx(), created.id);
    expect(rotated.publicJwks!.keys).toHaveLength(2);
    const cleaned = await rotateKey(ctx(), created.id, { removeRetired: true });
    expect(cleaned.publicJwks!.keys.map((k) => k.kid)).toEqual([rotated.publicJwks!.keys[1]!.kid]);
  });

  it("the list carries each private_key_jwt provider's own published keys (loaded in one query), none for the others", async () => {
    const a = await rotateKey(
      ctx(),
      (
        await createProvider(
          ctx(),
          oidcProviderInput({ tokenEndpointAuthMethod: "private_key_jwt", clientSecret: null }),
        )
      ).id,
    );
    const b = await createProvider(
      ctx(),
      oidcProviderInput({ tokenEndpointAuthMethod: "private_key_jwt", clientSecret: null }),
    );
    const plain = await createProvider(ctx(), oidcProviderInput());
    const listed = new Map((await listProviders(ctx())).map((p) => [p.id, p]));
    expect(listed.get(a.id)!.publicJwks).toEqual(a.publicJwks);
    expect(listed.get(a.id)!.publicJwks!.keys).toHaveLength(2);
    expect(listed.get(b.id)!.publicJwks).toEqual(b.publicJwks);
    expect(listed.get(plain.id)!.publicJwks).toBeNull();
  });

  it("duplicates (without the secret: secret-binding.test.ts), disables, deletes; each audited", async () => {
    const created = await createProvider(ctx(), oidcProviderInput());
    const copy = await duplicateProvider(ctx(), created.id);
    expect(copy).toMatchObject({ name: `${created.name} (copy)`, clientSecretSet: false });
    expect((await duplicateProvider(ctx(), created.id)).name).toBe(`${created.name} (copy 2)`);
    expect((await setProviderEnabled(ctx(), copy.id, false)).enabled).toBe(false);
    await deleteProvider(ctx(), copy.id);
    await expect(getProvider(ctx(), copy.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await eventsOf(copy.id)).map((e) => e.action)).toEqual([
      "ProviderCreated",
      "ProviderChanged",
      "ProviderDeleted",
    ]);
  });

  it("validates the input with precise messages", async () => {
    const err = await createProvider(ctx(), {
      ...oidcProviderInput(),
      jwt: null,
      resourceUris: [
        {
          uri: "https://api.example.com/me",
          queryParameter: "bearer",
          mappings: [{ path: "user..email", mode: "update", field: "email" }],
        },
      ],
    }).catch((e: { issues: { path: PropertyKey[]; message: string }[] }) => e.issues);
    expect(err).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: ["resourceUris", 0, "mappings", 0, "path"],
          message: expect.stringMatching(/column 6/),
        }),
        expect.objectContaining({
          path: ["resourceUris", 0, "mappings", 0, "mode"],
          message: "The email address can only be validated, never updated",
        }),
      ]),
    );
  });

  it("turning PKCE off is audited with its warning, like a JWT check; a new provider without PKCE too", async () => {
    const created = await createProvider(ctx(), oidcProviderInput());
    await updateProvider(ctx(), created.id, {
      ...oidcProviderInput({ name: created.name, clientSecret: "" }),
      pkce: false,
    });
    const changed = (await eventsOf(created.id)).at(-1)!;
    expect(changed.data).toMatchObject({ changes: [{ field: "pkce", from: "true", to: "false" }] });
    expect((changed.data as { warnings: string[] }).warnings).toEqual([
      expect.stringMatching(/^pkce off: Without PKCE, an authorization code/),
    ]);
    // Turning it back on warns of nothing.
    await updateProvider(ctx(), created.id, {
      ...oidcProviderInput({ name: created.name, clientSecret: "" }),
      pkce: true,
    });
    expect(((await eventsOf(created.id)).at(-1)!.data as { warnings: string[] }).warnings).toEqual([]);

    const without = await createProvider(ctx(), oidcProviderInput({ pkce: false }));
    const events = await eventsOf(without.id);
    expect(events.map((e) => e.action)).toEqual(["ProviderCreated", "ProviderChanged"]);
    expect((events[1]!.data as { warnings: string[] }).warnings[0]).toMatch(/^pkce off: /);
  });

  it("disabling a provider (PATCH or PUT) ends every live session that came through it, audited per user; other sessions stay", async () => {
    for (const disable of [
      (id: string) => setProviderEnabled(ctx(), id, false),
      (id: string, name: string) =>
        updateProvider(ctx(), id, {
          ...oidcProviderInput({ name, clientSecret: "", usedForUserAuthentication: true }),
          enabled: false,
        }),
      (id: string, name: string) =>
        updateProvider(ctx(), id, oidcProviderInput({ name, clientSecret: "", usedForUserAuthentication: false })),
    ]) {
      const provider = await createProvider(ctx(), oidcProviderInput({ usedForUserAuthentication: true }));
      const other = await createProvider(ctx(), oidcProviderInput({ usedForUserAuthentication: true }));
      const { user } = await seedUser(handle.db);
      const session = (providerId: string | null) =>
        createSession(handle.db, {
          userId: user.id,
          method: providerId ? "oauth" : "password",
          providerId,
          ip: null,
          userAgent: null,
        });
      await Promise.all([session(provider.id), session(provider.id), session(other.id), session(null)]);
      await disable(provider.id, provider.name);
      const rows = await handle.db.select().from(appSessions).where(eq(appSessions.userId, user.id));
      expect(rows.filter((r) => r.providerId === provider.id).map((r) => r.revokedAt !== null)).toEqual([true, true]);
      expect(rows.filter((r) => r.providerId !== provider.id).map((r) => r.revokedAt)).toEqual([null, null]);
      const revoked = (await eventsOf(provider.id)).filter((e) => e.action === "SessionRevoked");
      expect(revoked.map((e) => e.data)).toEqual([
        {
          userId: user.id,
          count: 2,
          reason: expect.stringMatching(new RegExp(`^Provider '.*' (disabled|no longer used for user sign-in)$`)),
        },
      ]);
    }
  });

  it("enabling, or disabling an already disabled provider, ends nothing", async () => {
    const provider = await createProvider(
      ctx(),
      oidcProviderInput({ usedForUserAuthentication: true, enabled: false }),
    );
    const { user } = await seedUser(handle.db);
    await createSession(handle.db, {
      userId: user.id,
      method: "oauth",
      providerId: provider.id,
      ip: null,
      userAgent: null,
    });
    await setProviderEnabled(ctx(), provider.id, false);
    await setProviderEnabled(ctx(), provider.id, true);
    const [row] = await handle.db.select().from(appSessions).where(eq(appSessions.userId, user.id));
    expect(row!.revokedAt).toBeNull();
    expect((await eventsOf(provider.id)).filter((e) => e.action === "SessionRevoked")).toHaveLength(0);
  });
});

describe("the address guard on saved URIs", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await BACKENDS[1].open();
  });
  afterAll(async () => {
    await handle.close();
  });

  it.each([
    ["http://idp.example.com/token", /http:\/\/ is allowed only for trusted hosts/],
    ["https://127.0.0.2/token", /loopback/],
    ["https://2130706433/token", /loopback/],
    ["https://[::1]/token", /loopback/],
    ["https://[::ffff:127.0.0.1]/token", /loopback/],
    ["https://localhost/token", /localhost/],
    ["https://10.1.2.3/token", /private/],
    ["https://169.254.169.254/latest/meta-data", /link|metadata/i],
    ["http://127.0.0.1:9998/token", /http:\/\/ is allowed only for trusted hosts/],
  ])("refuses %s", async (tokenUri, message) => {
    const err = await createProvider(providerCtx(handle.db), oidcProviderInput({ tokenUri })).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: "address_not_allowed",
      details: [{ path: "$.tokenUri", message: expect.stringMatching(message) }],
    });
  });

  it("lets a trusted loopback host through, http included", async () => {
    const created = await createProvider(
      providerCtx(handle.db),
      oidcProviderInput({ tokenUri: "http://127.0.0.1:9999/token" }),
    );
    expect(created.tokenUri).toBe("http://127.0.0.1:9999/token");
  });
});
