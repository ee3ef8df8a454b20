import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * One authorization-code flow in flight: bound to the browser that started it (a hash of an
 * httpOnly cookie), used exactly once (a conditional update of used_at), short-lived.
 */
export const oauthTransactions = pgTable(
  "oauth_transactions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // sha256 of the state parameter: the callback finds its transaction by it.
    stateHash: text("state_hash").notNull().unique(),
    // sha256 of the random value in the browser's cookie.
    browserHash: text("browser_hash").notNull(),
    providerId: uuid("provider_id").notNull(),
    purpose: text("purpose").notNull(),
    // Sealed with ENCRYPTION_KEY: the nonce and the PKCE verifier never leave the server.
    secretsSealed: text("secrets_sealed").notNull(),
    redirectUri: text("redirect_uri").notNull(),
    subjectRef: text("subject_ref"),
    returnTo: text("return_to"),
    actorUserId: uuid("actor_user_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    // The outcome a purpose keeps for its landing page (e.g. the Test connection report); no tokens.
    result: jsonb("result").$type<Record<string, unknown> | null>(),
  },
  (t) => [index("oauth_transactions_expires_idx").on(t.expiresAt)],
);

export type OAuthTransactionRow = typeof oauthTransactions.$inferSelect;
