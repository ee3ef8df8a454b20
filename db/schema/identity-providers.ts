import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/**
 * The shapes of the JSON columns `jwt` and `resourceUris`: the OAuth engine's JwtConfig and
 * ResourceUri (lib/oauth/provider-config.ts). db/ imports nothing from lib/, so
 * lib/identity-providers/stored-columns.ts fills this in by declaration merging: one source for
 * the shapes, and without that file this schema does not compile.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merged with lib/identity-providers/stored-columns.ts
export interface ProviderJsonColumns {}

/**
 * One identity provider. Its JWT configuration, resource URIs and mappings live in the row
 * (jsonb), so a provider and everything it holds saves atomically.
 */
export const identityProviders = pgTable(
  "identity_providers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    clientId: text("client_id").notNull(),
    // AES-256-GCM sealed (lib/crypto/secret-box.ts); never leaves the server.
    clientSecretSealed: text("client_secret_sealed"),
    scope: text("scope").notNull(),
    authorizationUri: text("authorization_uri").notNull(),
    tokenUri: text("token_uri").notNull(),
    logoutUri: text("logout_uri"),
    // From discovery: the userinfo endpoint, whose answer's sub must be the ID token's.
    userinfoUri: text("userinfo_uri"),
    tokenEndpointAuthMethod: text("token_endpoint_auth_method").notNull(),
    pkce: boolean("pkce").notNull(),
    jwt: jsonb("jwt").$type<ProviderJsonColumns["jwt"] | null>(),
    resourceUris: jsonb("resource_uris").$type<ProviderJsonColumns["resourceUris"]>().notNull(),
    subjectPath: text("subject_path").notNull(),
    usedForSignerAuthentication: boolean("used_for_signer_authentication").notNull(),
    usedForUserAuthentication: boolean("used_for_user_authentication").notNull(),
    enabled: boolean("enabled").notNull(),
    // What discovery told us beyond the editable fields (userinfo, end_session, supported methods).
    discovery: jsonb("discovery").$type<Record<string, unknown> | null>(),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("identity_providers_name_idx").on(sql`lower(${t.name})`)],
);

/** The app's own key pairs for private_key_jwt, per provider; public halves served at /oauth/jwks/<provider id>. */
export const providerKeys = pgTable(
  "provider_keys",
  {
    kid: text("kid").primaryKey(),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => identityProviders.id, { onDelete: "cascade" }),
    alg: text("alg").notNull(),
    publicJwk: jsonb("public_jwk").$type<Record<string, unknown>>().notNull(),
    privateJwkSealed: text("private_jwk_sealed").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    // A rotated-out key stays published until removed, so in-flight assertions still verify.
    retiredAt: timestamp("retired_at", { withTimezone: true }),
  },
  (t) => [index("provider_keys_provider_idx").on(t.providerId)],
);

export type IdentityProviderRow = typeof identityProviders.$inferSelect;
export type ProviderKeyRow = typeof providerKeys.$inferSelect;
