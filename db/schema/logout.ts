import { index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * An RP-initiated logout in flight (OpenID Connect RP-Initiated Logout 1.0): the `state` sent to
 * the provider's end-session endpoint, stored hashed, bound to the browser (a hash of the
 * httpOnly flow cookie), used once when the provider sends the browser back.
 */
export const logoutRequests = pgTable(
  "logout_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    stateHash: text("state_hash").notNull().unique(),
    browserHash: text("browser_hash").notNull(),
    providerId: uuid("provider_id").notNull(),
    userId: uuid("user_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("logout_requests_expires_idx").on(t.expiresAt)],
);

/**
 * The `jti` of every back-channel logout token accepted, per provider, until it could no longer
 * pass the iat check anyway: a replayed token is refused by every app instance.
 */
export const logoutTokenJtis = pgTable(
  "logout_token_jtis",
  {
    providerId: uuid("provider_id").notNull(),
    jti: text("jti").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.jti] }), index("logout_token_jtis_expires_idx").on(t.expiresAt)],
);

export type LogoutRequestRow = typeof logoutRequests.$inferSelect;
