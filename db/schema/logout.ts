import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

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


/**
 * How many refused back-channel logouts of one provider the audit trail took in the current
 * minute, and how many more it only counted: the provider id is public (in the Logon URL), so
 * without a cap anyone could flood the trail. The row lock serialises every instance.
 */
export const backchannelRefusalWindows = pgTable("backchannel_refusal_windows", {
  providerId: uuid("provider_id").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull().defaultNow(),
  written: integer("written").notNull().default(0),
  suppressed: integer("suppressed").notNull().default(0),
  // The first and last suppressed refusal of the window, and the last reason (for the summary row).
  firstSuppressedAt: timestamp("first_suppressed_at", { withTimezone: true }),
  lastSuppressedAt: timestamp("last_suppressed_at", { withTimezone: true }),
  lastReason: text("last_reason"),
  lastIp: text("last_ip"),
});

export type LogoutRequestRow = typeof logoutRequests.$inferSelect;
export type BackchannelRefusalWindowRow = typeof backchannelRefusalWindows.$inferSelect;
